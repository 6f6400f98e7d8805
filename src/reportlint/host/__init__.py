"""The host: the only code that touches the plugin manager.

It loads the plugins (:mod:`~reportlint.host.plugins`), builds the registries from them
(:mod:`~reportlint.host.registry`), reads the settings (:mod:`~reportlint.host.settings`,
:mod:`~reportlint.host.config`) and runs files through the pipeline (:mod:`~reportlint.host.pipeline`),
serially or in supervised workers (:mod:`~reportlint.host.runner`, :mod:`~reportlint.host.pool`). The
layers below — readers, parsing, checks, formatters — are handed what they need and never reach up.
"""
