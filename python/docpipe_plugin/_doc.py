"""The docpipe_plugin.Doc view of one document, and what the plugin changed in it."""


class Segment:
    """A span of the text with a kind (title, lede, paragraph, caption ...)."""

    __slots__ = ("start", "end", "kind")

    def __init__(self, start, end, kind):
        self.start, self.end, self.kind = start, end, kind

    def __repr__(self):
        return "Segment(%d, %d, %r)" % (self.start, self.end, self.kind)


class Entity:
    """An entity: span, type, surface, value, confidence, instance, attrs, translations.

    Change an entity of the document through set_value, set_confidence,
    set_attr and set_translation, which record the change for docpipe.
    """

    def __init__(self, start, end, type, surface, value=None, confidence=1.0, instance=None,
                 attrs=None, translations=None, index=None):
        self.start, self.end, self.type, self.surface = start, end, type, surface
        self.value, self.confidence, self.instance = value, confidence, instance
        self.attrs = dict(attrs or {})
        self.translations = dict(translations or {})
        self.index = index  # its position in the document docpipe sent; None for a new one
        self._changes = {}

    def set_value(self, value):
        self.value = value
        self._changes["value"] = value

    def set_confidence(self, confidence):
        confidence = float(confidence)
        if not 0.0 <= confidence <= 1.0:
            raise ValueError("confidence must be from 0 to 1, not %r" % confidence)
        self.confidence = confidence
        self._changes["confidence"] = confidence

    def set_attr(self, key, value):
        self.attrs[key] = str(value)
        self._changes.setdefault("attrs", {})[key] = str(value)

    def set_translation(self, lang, text):
        self.translations[lang] = str(text)
        self._changes.setdefault("translations", {})[lang] = str(text)

    def __repr__(self):
        return "Entity(%d, %d, %r, %r)" % (self.start, self.end, self.type, self.surface)


class Doc:
    """One document: id, lang, text, fields, segments, entities, translations.

    fields maps a key to its value, or to a list when the key repeats.
    add_entity, add_field and add_translation add to it; docpipe checks and
    merges what was added when process() returns.
    """

    def __init__(self, record):
        self.id = record.get("id")
        self.source = record.get("source")
        self.lang = record.get("lang")
        self.text = record.get("text") or ""
        self.fields = dict(record.get("fields") or {})
        self._record = record
        self._segments = None  # segments and entities are made when first asked for
        self._entities = None
        self.translations = list(record.get("translations") or [])
        self._new_fields = {}
        self._new_translations = []

    @property
    def segments(self):
        if self._segments is None:
            self._segments = [Segment(s["start"], s["end"], s["kind"]) for s in self._record.get("segments") or []]
        return self._segments

    @property
    def entities(self):
        if self._entities is None:
            self._entities = [
                Entity(e["start"], e["end"], e["type"], e.get("surface"), e.get("value"), e.get("confidence", 1.0),
                       e.get("instance"), e.get("attrs"), e.get("translations"), index=i)
                for i, e in enumerate(self._record.get("entities") or [])
            ]
        return self._entities

    def field(self, key, default=None):
        """The first value of a field."""
        v = self.fields.get(key, default)
        return v[0] if isinstance(v, list) else v

    def add_entity(self, start, end, type, value=None, confidence=1.0, attrs=None, translations=None):
        """Add an entity over text[start:end] (code points) and return it."""
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(self.text)):
            raise ValueError("entity [%r, %r) is not a non-empty span of the text (%d characters)"
                             % (start, end, len(self.text)))
        if not type:
            raise ValueError("an entity needs a type")
        confidence = float(confidence)
        if not 0.0 <= confidence <= 1.0:
            raise ValueError("confidence must be from 0 to 1, not %r" % confidence)
        e = Entity(start, end, str(type), self.text[start:end], value, confidence, None, attrs, translations)
        self.entities.append(e)
        return e

    def add_field(self, key, value):
        """Append a field (keys may repeat)."""
        self._new_fields.setdefault(str(key), []).append(str(value))
        old = self.fields.get(key)
        self.fields[key] = str(value) if old is None else (old if isinstance(old, list) else [old]) + [str(value)]

    def add_translation(self, lang, text, target="text", key=None, note=None):
        """Translate the whole text (target "text"), a field (key: its name) or a segment (key: its index)."""
        if target not in ("text", "field", "segment"):
            raise ValueError("target must be text, field or segment")
        t = {"lang": lang, "target": target, "key": None if key is None else str(key), "text": text, "note": note}
        self._new_translations.append(t)
        self.translations.append(t)

    def answer(self):
        """What the plugin added and changed, as the wire protocol's result members."""
        ents = []
        for e in self._entities or []:
            if e.index is None:
                ents.append({"start": e.start, "end": e.end, "type": e.type, "value": e.value,
                             "confidence": e.confidence, "attrs": e.attrs, "translations": e.translations})
            elif e._changes:
                ents.append(dict(e._changes, index=e.index))
        out = {}
        if ents:
            out["entities"] = ents
        if self._new_fields:
            out["fields"] = self._new_fields
        if self._new_translations:
            out["translations"] = self._new_translations
        return out
