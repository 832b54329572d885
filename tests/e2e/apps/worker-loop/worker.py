"""A background worker with no signal handling of its own: a loop.

Python installs no SIGTERM handler, so as PID 1 this ignores `docker stop`
until the 10 s grace period ends; tier 3 (an init process and STOPSIGNAL
SIGINT) is what makes it stop promptly. shipshape verify's e2e test uses it.
"""
import time

print("worker started", flush=True)
while True:
    time.sleep(0.2)
