"""An email backend that never delivers: it says it has started (a marker file), then waits
to be killed.  Used to kill a worker between claiming a notification and sending it."""

import os
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class BlockingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        Path(os.environ["COMPLAINTS_TEST_MARKER"]).write_text("sending")
        time.sleep(120)
        raise RuntimeError("should have been killed")
