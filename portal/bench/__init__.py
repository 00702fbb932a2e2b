"""The project's benchmark, run by ``make bench``: seed a large catalogue, then measure it.

``seed`` loads the data in bulk, ``measure`` times the catalogue through the full middleware
stack and explains its SQL, ``report`` prints the table. The management command ``bench``
wires them together.
"""
