"""``unspun batch``: a whole corpus on Apache Spark, with the same stage functions as the
library (:mod:`unspun.batch.records`), and ``unspun import`` of its output into a library
(:mod:`unspun.batch.load`). Only :mod:`unspun.batch.spark` imports pyspark."""

from unspun.batch.records import BatchConfig

__all__ = ["BatchConfig"]
