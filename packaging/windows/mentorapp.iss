; Inno Setup script: wraps the PyInstaller bundle (build\package\pyinstaller\mentorapp) as a
; Windows installer. Not yet run: see docs/packaging.md ("Windows") for the steps and their status.
; Build: iscc /DVersion=0.1.0 packaging\windows\mentorapp.iss
#ifndef Version
  #define Version "0.1.0"
#endif

[Setup]
AppId={{6B1E0C4A-3D5F-4C0B-9E64-7A0D2B6F9C31}
AppName=MentorApp
AppVersion={#Version}
AppPublisher=MentorApp developers
DefaultDirName={autopf}\MentorApp
DefaultGroupName=MentorApp
OutputDir=..\..\dist
OutputBaseFilename=mentorapp-{#Version}-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog
UninstallDisplayIcon={app}\mentorapp.exe

[Files]
Source: "..\..\build\package\pyinstaller\mentorapp\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\MentorApp"; Filename: "{app}\mentorapp.exe"
Name: "{group}\MentorApp - New note"; Filename: "{app}\mentorapp.exe"; Parameters: "capture"
