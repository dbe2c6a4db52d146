"""YAML for untrusted text (article front matter, config files): plain data, bounded.

`load(text)` returns what PyYAML's safe loader would, except that it refuses, with one line
saying why (and the line number where known):
- aliases (`*name`), so that a "billion laughs" document cannot expand into gigabytes;
- nesting deeper than `MAX_DEPTH`, before Python's recursion limit is reached;
- a key given twice in one mapping;
- numbers too long for Python to convert, and explicit tags that PyYAML cannot construct.
Dates are not turned into `datetime` objects: `2024-11-06` stays the string it was written as.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node

MAX_DEPTH = 50


class YamlRefused(ValueError):
    """The text is not YAML this project accepts; the message is one line."""


def _without_timestamps() -> dict[Any, list[tuple[str, Any]]]:
    resolvers = yaml.SafeLoader.yaml_implicit_resolvers
    return {
        first: [(tag, rx) for tag, rx in pairs if tag != "tag:yaml.org,2002:timestamp"]
        for first, pairs in resolvers.items()
    }


def _one_line(text: str) -> str:
    return " ".join(text.split())[:160]


def _line(mark: Any) -> str:
    return f" at line {mark.line + 1}" if mark is not None else ""


class _Loader(yaml.SafeLoader):
    yaml_implicit_resolvers = _without_timestamps()

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise YamlRefused(f"aliases (*name) are not allowed{_line(mark)}")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise YamlRefused(f"nested more than {MAX_DEPTH} levels deep{_line(mark)}")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                duplicate = key in seen
                seen.add(key)
            except TypeError:  # an unhashable key: PyYAML refuses it below
                continue
            if duplicate:
                raise YamlRefused(f"the key '{key}' is given twice{_line(key_node.start_mark)}")
        return super().construct_mapping(node, deep=deep)


def load(text: str) -> Any:
    """Parse one YAML document of plain data; YamlRefused says why it cannot be used."""
    loader = None
    try:
        loader = _Loader(text)  # its reader refuses control characters at once
        return loader.get_single_data()
    except YamlRefused:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        why = _one_line(exc.problem or exc.context or "")
        raise YamlRefused(f"not valid YAML{_line(mark)} ({why})") from None
    except yaml.reader.ReaderError as exc:
        raise YamlRefused(f"not valid YAML (character #x{exc.character:04x} at position "
                          f"{exc.position} is not allowed)") from None
    except yaml.YAMLError as exc:
        raise YamlRefused(f"not valid YAML ({_one_line(str(exc))})") from None
    except ValueError as exc:  # PyYAML's int constructor on a 5,000-digit number
        reason = _one_line(str(exc).split(":", 1)[0])
        raise YamlRefused(f"not valid YAML (a value cannot be read: {reason})") from None
    except Exception:  # PyYAML's constructors on hostile tagged values
        # (`!!timestamp x`, `!!int ` raise TypeError, AttributeError, IndexError...)
        raise YamlRefused("not valid YAML (a tagged value, such as !!timestamp, cannot be read)"
                          ) from None
    finally:
        if loader is not None:
            loader.dispose()
