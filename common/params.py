"""Reading request parameters that name a number (a row, a revision, a step)."""


def int_param(value, default: int = 0) -> int:
    """`value` as a whole number, or `default` when it is missing or not a number: a
    tampered or outdated link then simply names nothing."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
