"""The ``billma`` command: offline robot (``billma evaluate``) and the local stack (``billma local``)."""
