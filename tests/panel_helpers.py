"""Scoring a whole round through the services, for any kit: the panel and exchange tests use it."""

from __future__ import annotations

from scorecard.domain.kit import Exercise, KnockoutOutcome, KnockoutQuestion


def score_round(services, *, candidate_id: str, round_id: str, interviewer: str, step: int = 1,
                note: str = "Clear evidence.", submit: bool = True):
    """Fill every item of the round (rating step `step` of each scale, clamped) and submit."""
    s = services.scoring
    card = s.start_or_resume(candidate_id=candidate_id, round_id=round_id, interviewer=interviewer)
    kit = s.kit_for(card)
    for item in kit.items_in(round_id):
        if isinstance(item, KnockoutQuestion):
            option = next(o for o in item.options if o.outcome is not KnockoutOutcome.AUTO_DECLINE)
            s.choose_option(scorecard_id=card.id, item_id=item.id, option_id=option.id)
            continue
        if isinstance(item, Exercise) and item.variants:
            s.choose_variant(scorecard_id=card.id, item_id=item.id, variant_id=item.variants[0].id)
        steps = kit.scale_for(item).steps
        s.rate(scorecard_id=card.id, item_id=item.id, step_id=steps[min(step, len(steps) - 1)].id)
        keys = [k for k, _p, _t in item.indicators.keys()]
        if keys:
            s.mark_indicator(scorecard_id=card.id, item_id=item.id, key=keys[0], checked=True)
            if len(keys) > 1:
                s.mark_indicator(scorecard_id=card.id, item_id=item.id, key=keys[1], checked=True)
                s.mark_indicator(scorecard_id=card.id, item_id=item.id, key=keys[1], checked=False)
        s.set_notes(scorecard_id=card.id, item_id=item.id, notes=f"{interviewer}: {note}")
    rec = kit.recommendation_scale.steps
    s.set_recommendation(scorecard_id=card.id, step_id=rec[min(step, len(rec) - 1)].id)
    s.set_summary(scorecard_id=card.id, text=f"{interviewer}'s summary — Ελληνικά, 王伟.")
    return s.submit(scorecard_id=card.id) if submit else s.get(card.id)
