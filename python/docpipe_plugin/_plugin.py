"""Declaring a plugin: the decorators and option()."""

PROTOCOL = 1
SKIP = object()

_TYPES = ("string", "int", "float", "bool", "enum", "path", "list", "path_list")

registered = []  # the plugins this script declared, in order


def option(name, type="string", default=None, required=False, choices=None, help=""):
    """One row of the option table (types: string, int, float, bool, enum, path, list, path_list).

    Paths are resolved by docpipe against the config file's directory; enum
    choices are a list or "a|b|c".
    """
    if type not in _TYPES:
        raise ValueError("option %r: unknown type %r (one of %s)" % (name, type, ", ".join(_TYPES)))
    if isinstance(choices, (list, tuple)):
        choices = "|".join(choices)
    return {"name": name, "type": type, "default": default, "required": bool(required),
            "choices": choices, "help": help}


class Plugin:
    def __init__(self, kind, target, name, version, description, options, consumes, produces):
        self.kind, self.target = kind, target
        self.name = name or getattr(target, "__name__", "plugin").lower()
        self.version, self.description = version, description or (getattr(target, "__doc__", None) or "").strip()
        self.options = list(options or [])
        self.consumes = consumes or "text"
        self.produces = produces or ("entity" if kind == "recognizer" else "entity.translation")
        self.instance = None
        self.values = None

    def announcement(self):
        return {"type": "announce", "protocol": PROTOCOL, "name": self.name, "version": self.version,
                "kind": self.kind, "description": self.description.splitlines()[0] if self.description else "",
                "consumes": self.consumes, "produces": self.produces, "options": self.options}

    def start(self, values):
        """Called once per worker with the validated option values."""
        self.values = values
        if isinstance(self.target, type):
            self.instance = self.target(values)

    def process(self, doc):
        if self.instance is not None:
            return self.instance.process(doc)
        return self.target(doc, self.values)


def _declare(kind, name, version, description, options, consumes, produces):
    def wrap(target):
        registered.append(Plugin(kind, target, name, version, description, options, consumes, produces))
        return target
    return wrap


def recognizer(name=None, version="1.0", description=None, options=None, consumes="text", produces="entity"):
    """Declare a recognizer: a function (doc, options) or a class (options) with process(doc)."""
    return _declare("recognizer", name, version, description, options, consumes, produces)


def translator(name=None, version="1.0", description=None, options=None, consumes="entity",
               produces="entity.translation"):
    """Declare a translator: a function (doc, options) or a class (options) with process(doc)."""
    return _declare("translator", name, version, description, options, consumes, produces)
