"""Paper tickets on ESC/POS thermal printers: the slip's layout (python-escpos, rendered to its
Dummy printer), the transports that carry it (raw TCP 9100, the kernel's /dev/usb/lp*, serial)
with short timeouts, the printer's own answers (DLE EOT, and GS r once a slip has printed) in
words, and a simulator on loopback.
No Qt here: the kiosk's printer thread (ui/printer_thread.py) runs these jobs off the UI thread.
"""
