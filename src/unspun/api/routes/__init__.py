"""One router per resource; each handler calls one function of :mod:`unspun.api.service`."""
