"""MT engines behind one interface (`TranslationEngine.translate_batch`)."""

from workbench.engines.base import Hypothesis, ProgressCallback, TranslationEngine

__all__ = ["Hypothesis", "ProgressCallback", "TranslationEngine"]
