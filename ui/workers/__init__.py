"""Work off the window's thread: reading a received list, rendering certificates, spooling to a printer."""
