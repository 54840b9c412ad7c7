"""journeybook: customer-journey playbooks as code.

The core pipeline is ``load → model → lint → pages + diagrams`` (see :mod:`journeybook.pipeline`);
it never imports MkDocs. :mod:`journeybook.plugin` and :mod:`journeybook.cli` are thin adapters.
"""

__version__ = "0.1.0"
