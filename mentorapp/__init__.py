"""MentorApp: a private, offline journal for team leads who practise micro-mentorship."""

__version__ = "0.1.0"
