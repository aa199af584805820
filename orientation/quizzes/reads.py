"""What quiz pages show: questions in the order an attempt stored, texts in a language."""

from dataclasses import dataclass

from orientation.content.packages import text_in


@dataclass(frozen=True)
class ShownOption:
    index: int  # the form value: its position in this attempt's order
    id: str
    text: str
    feedback: str | None


@dataclass(frozen=True)
class ShownQuestion:
    index: int
    question: object
    text: str
    explanation: str
    options: list[ShownOption]
    answer: object = None  # the stored Answer, on review pages

    @property
    def name(self):
        return f"q{self.index}"


def shown_questions(attempt, quiz, lang, answers=None):
    """The attempt's questions as shown: stored order, texts in `lang` (English as fallback)."""
    by_question = {answer.question_id: answer for answer in answers or ()}
    shown = []
    for index, (question_id, option_ids) in enumerate(attempt.order):
        question = quiz.question(question_id)
        if question is None:
            continue
        options = [ShownOption(i, option.id, text_in(option.text, lang),
                               text_in(option.feedback, lang) or None)
                   for i, option in ((i, question.option(oid)) for i, oid in enumerate(option_ids))
                   if option is not None]
        shown.append(ShownQuestion(index, question, text_in(question.text, lang),
                                   text_in(question.explanation, lang), options,
                                   by_question.get(question_id)))
    return shown


def right_answer(shown):
    """The right answer of a shown question, as option texts in the right order."""
    question = shown.question
    if question.type == "true_false":
        return question.correct
    keys = [question.correct] if question.type == "single" else question.correct
    texts = {option.id: option.text for option in shown.options}
    return [texts[key] for key in keys if key in texts]


def chosen_texts(shown):
    """What the trainee chose, as option texts (or True/False)."""
    if shown.answer is None:
        return []
    if shown.question.type == "true_false":
        return shown.answer.chosen
    texts = {option.id: option.text for option in shown.options}
    return [texts.get(key, key) for key in shown.answer.chosen]
