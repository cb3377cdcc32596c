"""Review packets: a PacketData snapshot of one mentee's period, turned into a PDF with ReportLab."""
