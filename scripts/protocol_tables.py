"""Shared by the scripts/*_table.py readers of the protocol folders."""
import statistics


def ms(values, scale=1.0, digits=4, empty="n/a"):
    """Mean ± sample std (n - 1) of the values that are not None, times scale; one value alone, empty when none."""
    values = [v * scale for v in values if v is not None]
    if not values:
        return empty
    if len(values) == 1:
        return "%.*f" % (digits, values[0])
    return "%.*f ± %.*f" % (digits, statistics.mean(values), digits, statistics.stdev(values))
