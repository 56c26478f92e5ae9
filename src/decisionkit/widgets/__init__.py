"""The what-if panel (layer 5): its logic in :class:`WhatIfModel`, tested headless.

The ipywidgets layer binds controls to the model's methods and shows the study's sentences
and charts; it is imported only when used, so ``import decisionkit`` stays light.
"""

from decisionkit.widgets._model import WhatIfModel
from decisionkit.widgets._panel import WhatIf

__all__ = ["WhatIf", "WhatIfModel"]
