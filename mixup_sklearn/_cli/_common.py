"""What every subcommand shares: the error it ends with, one-line messages,
wrapped descriptions and the progress bar on stderr."""

import sys
import textwrap
import time

# How to add an optional dependency: mixup-sklearn is installed from a clone of
# its repository, not from the package index, so `pip install
# mixup-sklearn[extra]` cannot work.
INSTALL_HINT = (
    "install it into the environment that runs mixup-sklearn: "
    "pip install {packages}, or, in a clone of the mixup-sklearn repository, "
    "pip install -e '.[{extra}]'"
)


class CliError(Exception):
    """Bad input: reported as one line on stderr, exit code 2."""


def one_line(exc):
    """The message of an exception on one line, for stderr."""
    return " ".join(str(exc).split()) or type(exc).__name__


def wrapped(text):
    """A description for a parser whose raw formatter keeps the epilogs'
    examples as written: the prose is wrapped here."""
    return textwrap.fill(text, width=79)


class Progress:
    """A one-line progress bar on stderr, shown once a task passes a second."""

    def __init__(self, total, label, stream=None, delay=1.0):
        self.total, self.label, self.done = total, label, 0
        self.stream = sys.stderr if stream is None else stream
        self.start, self.delay, self.shown = time.perf_counter(), delay, False
        self.width = 0

    def step(self, note=""):
        """One more step done; ``note`` says what comes next."""
        self.done += 1
        if time.perf_counter() - self.start < self.delay and self.done < self.total:
            return
        self.shown = True
        filled = int(30 * self.done / self.total)
        bar = "#" * filled + "-" * (30 - filled)
        text = f"{self.label} [{bar}] {self.done}/{self.total}"
        if note:
            text += f" {note}"
        # Pad over the end of a longer previous line.
        self.stream.write(f"\r{text:<{self.width}}")
        self.width = len(text)
        self.stream.flush()

    def close(self):
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
