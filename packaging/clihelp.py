"""Reads the --help text of labelbranch-cli (the global help and each command's) and of labelbranch into data.

This is the one source the man pages (gen-manpages.py) and the shell completions (gen-completions.py) are
generated from, so neither can drift from what the programs themselves print.
"""

import os
import re
import subprocess
from dataclasses import dataclass, field

# Options every command accepts; they are documented once, under the global options.
COMMON_OPTIONS = {"--help", "--help-all", "--project", "--json", "--encord-project", "--ssh-key", "--domain"}


@dataclass
class Entry:
    """One line of a help list: an option ("-h, --help", "--project <FILE>") or a name with its text."""

    term: str
    text: str

    @property
    def names(self):
        return [part.split()[0] for part in self.term.split(", ")]

    @property
    def value(self):
        """The option's value name ("FILE" for "--project FILE" or "--project <FILE>"), or ""."""
        last = self.term.split(", ")[-1].split(maxsplit=1)
        return last[1].strip("<>") if len(last) > 1 else ""


@dataclass
class Help:
    """A parsed help text: its usage line, the paragraphs around the lists and the lists by heading."""

    usage: str = ""
    paragraphs: list = field(default_factory=list)  # before the first list
    lists: dict = field(default_factory=dict)  # heading without the colon -> [Entry]
    headings: dict = field(default_factory=dict)  # short heading ("Global options") -> full heading
    notes: list = field(default_factory=list)  # paragraphs after the first list


@dataclass
class Command:
    name: str
    summary: str
    usage: str  # what follows "labelbranch-cli" in the usage line
    options: list  # [Entry], without COMMON_OPTIONS
    all_options: list  # [Entry], as its --help lists them


@dataclass
class CliHelp:
    usage: str
    description: str
    commands: list  # [Command], in the order of the global help
    global_heading: str
    global_options: list  # [Entry]
    notes: list


def collapse(text):
    return " ".join(text.split())


def run_help(program, *arguments):
    """The help text a program prints; the GUI needs a platform, so it gets the offscreen one."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ASAN_OPTIONS="detect_leaks=0", LC_ALL="C.UTF-8")
    env.pop("LABELBRANCH_PROJECT", None)
    done = subprocess.run([program, *arguments, "--help"], env=env, capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise RuntimeError(f"{program} {' '.join(arguments)} --help exited with {done.returncode}: {done.stderr}")
    return done.stdout


def _blocks(text):
    block = []
    for line in text.rstrip("\n").split("\n"):
        if line.strip():
            block.append(line.rstrip())
        elif block:
            yield block
            block = []
    if block:
        yield block


def _entries(lines):
    """Entries of an indented list; a deeper-indented line continues the text of the entry above it."""
    entries = []
    for line in lines:
        match = re.match(r"^ {1,4}(\S.*?)(?: {2,}(\S.*))?$", line)
        if match and not line.startswith(" " * 5):
            entries.append(Entry(match.group(1), match.group(2) or ""))
        elif entries:
            entries[-1].text = collapse(entries[-1].text + " " + line)
        else:
            raise ValueError(f"help list starts with a continuation line: {line!r}")
    return entries


def parse(text):
    """Splits a help text into usage, paragraphs and lists ("Options:", "Commands:", ...)."""
    result = Help()
    for block in _blocks(text):
        first = block[0]
        if first.startswith("Usage:"):
            # An indented line continues the usage; QCommandLineParser puts the description right under it.
            lines = [first] + [line for line in block[1:] if line.startswith(" ")]
            result.usage = collapse(" ".join(lines).removeprefix("Usage:"))
            rest = [line for line in block[1:] if not line.startswith(" ")]
            if rest:
                result.paragraphs.append(collapse(" ".join(rest)))
        elif first.endswith(":") and len(block) > 1 and block[1].startswith(" "):
            heading = first[:-1]
            short = re.sub(r"\s*\(.*\)$", "", heading)
            result.headings[short] = heading
            result.lists[short] = _entries(block[1:])
        elif result.lists:
            result.notes.append(collapse(" ".join(block)))
        else:
            result.paragraphs.append(collapse(" ".join(block)))
    return result


def read_cli(program):
    """labelbranch-cli's global help and every command's help."""
    top = parse(run_help(program))
    commands = []
    for entry in top.lists["Commands"]:
        name = entry.names[0]
        own = parse(run_help(program, name))
        usage = own.usage
        prefix = "labelbranch-cli "
        if not usage.startswith(prefix):
            raise ValueError(f"usage of {name} does not start with {prefix!r}: {usage!r}")
        all_options = own.lists.get("Options", [])
        options = [option for option in all_options if option.names[-1] not in COMMON_OPTIONS]
        summary = own.paragraphs[0] if own.paragraphs else ""
        if collapse(summary) != collapse(entry.text):
            raise ValueError(f"{name}: its --help says {summary!r}, the command list says {entry.text!r}")
        commands.append(Command(name, summary, usage.removeprefix(prefix), options, all_options))
    return CliHelp(
        usage=top.usage,
        description=top.paragraphs[0] if top.paragraphs else "",
        commands=commands,
        global_heading=top.headings.get("Global options", "Global options"),
        global_options=top.lists.get("Global options", []),
        notes=top.notes,
    )


def read_gui(program):
    """labelbranch's help; the usage line names the program without its folder."""
    gui = parse(run_help(program))
    words = gui.usage.split(maxsplit=1)
    if words:
        gui.usage = " ".join([os.path.basename(words[0])] + words[1:])
    return gui


def environment_variables(cli):
    """$VARIABLES the help texts mention -> the options whose text mentions them, e.g. ["--project"]."""
    found = {}

    def scan(entries, where):
        for entry in entries:
            for name in re.findall(r"\$([A-Z][A-Z0-9_]+)", entry.text):
                label = entry.names[-1] + (f" ({where})" if where else "")
                found.setdefault(name, [])
                if label not in found[name]:
                    found[name].append(label)

    scan(cli.global_options, "")
    for command in cli.commands:
        scan(command.options, command.name)
    return found
