"""Where a trainee continues: the rule alone, then the top of My learning."""

from datetime import datetime

from orientation.learn import reads
from orientation.learn import services as learning
from orientation.learn.reads import CourseActivity, choose_continue


def course(slug, done=(), completed=False, last_active=None, final_quiz="final",
           lessons=("one", "two", "three", "four")):
    return CourseActivity(slug, slug.title(), tuple(lessons), frozenset(done), final_quiz,
                          completed, last_active)


MONDAY, TUESDAY, WEDNESDAY = (datetime(2026, 3, day, 9) for day in (2, 3, 4))


def test_nothing_to_continue():
    assert choose_continue([]) is None
    assert choose_continue([course("rights", completed=True, last_active=MONDAY)]) is None


def test_without_activity_the_first_unfinished_course_starts_at_lesson_one():
    point = choose_continue([course("money", completed=True), course("rights"),
                             course("safety")])
    assert (point.slug, point.lesson, point.number, point.started) == ("rights", "one", 1, False)


def test_the_most_recently_active_unfinished_course_wins():
    point = choose_continue([
        course("money", done={"one"}, last_active=MONDAY),
        course("rights", done={"one", "two"}, last_active=TUESDAY),
        course("safety", completed=True, last_active=WEDNESDAY),  # finished: not offered
        course("health"),  # never opened
    ])
    assert (point.slug, point.title, point.lesson, point.number) == ("rights", "Rights",
                                                                     "three", 3)
    assert point.started and point.quiz is None


def test_the_first_unread_lesson_even_after_a_gap():
    point = choose_continue([course("rights", done={"one", "three"}, last_active=MONDAY)])
    assert (point.lesson, point.number) == ("two", 2)


def test_a_quiz_started_counts_as_activity():
    point = choose_continue([course("money", done={"one"}, last_active=MONDAY),
                             course("rights", last_active=TUESDAY)])
    assert (point.slug, point.lesson, point.started) == ("rights", "one", True)


def test_every_lesson_read_leads_to_the_final_quiz():
    point = choose_continue([course("rights", done={"one", "two", "three", "four"},
                                    last_active=MONDAY)])
    assert (point.slug, point.lesson, point.quiz, point.number) == ("rights", None, "final", 4)


def test_a_course_without_a_final_quiz_and_every_lesson_read_is_not_offered():
    assert choose_continue([course("rights", done={"one", "two"}, lessons=("one", "two"),
                                   final_quiz=None, last_active=MONDAY)]) is None


def continue_link(client):
    html = client.get("/km/my-learning").get_data(as_text=True)
    start = html.find('<p class="continue">')
    return html[start:html.index("</p>", start)] if start >= 0 else None


def test_my_learning_says_where_to_continue(courses, trainee, trainee_client, complete):
    course = courses["first-steps"]
    assert continue_link(trainee_client) is None  # no course yet
    learning.enrol(trainee, course)
    assert 'href="/km/courses/first-steps/hello"' in continue_link(trainee_client)
    learning.mark_done(trainee, course, "hello")
    link = continue_link(trainee_client)
    assert 'href="/km/courses/first-steps/goodbye"' in link
    assert "2" in link and "ជំហានដំបូង" in link  # lesson 2 of the course, in Khmer
    learning.mark_done(trainee, course, "goodbye")
    assert 'href="/km/courses/first-steps/quizzes/final"' in continue_link(trainee_client)
    complete(trainee)
    assert continue_link(trainee_client) is None


def test_get_continue_ignores_other_trainees(courses, trainee, make_trainee):
    other = make_trainee(name="Other Person")
    for user in (trainee, other):
        learning.enrol(user, courses["first-steps"])
    learning.mark_done(other, courses["first-steps"], "hello")
    cards = reads.get_my_courses(trainee.id, "km")
    point = reads.get_continue(trainee.id, cards)
    assert (point.lesson, point.started) == ("hello", False)
