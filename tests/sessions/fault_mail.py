"""An e-mail backend for the fault tests' workers: it writes each message to a file, like Django's
file backend, but when ``SAMTALSRUM_TEST_HOLD_DIR`` is set it first marks that a delivery has begun
and then holds it, so the test can kill the worker in the middle of a delivery."""

import os
import time
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend


class HoldingFileBackend(EmailBackend):
    def send_messages(self, email_messages):
        hold = os.environ.get("SAMTALSRUM_TEST_HOLD_DIR")
        if hold:
            Path(hold, f"sending-{os.getpid()}").touch()
            while not Path(hold, "release").exists():
                time.sleep(0.1)
        return super().send_messages(email_messages)
