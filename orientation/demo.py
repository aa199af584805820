"""Demo data: a centre, an admin, a trainer, trainees writing in each language, a cohort,
and certificates in every script (one replaced, one revoked).

Loaded by upsert on natural keys (licence number, login code): loading twice changes nothing,
and what a later version adds appears on the next load. Never in production.
"""

from datetime import date, timedelta

from sqlalchemy import select

from orientation.accounts import services as accounts
from orientation.admin import services as centres
from orientation.certificates import services as certificates
from orientation.content.library import get_library
from orientation.content.packages import LANGUAGES
from orientation.departure import demo as departure_demo
from orientation.extensions import db
from orientation.learn import contacts, services
from orientation.models import Certificate, Cohort, Course, EnrolmentSource, Role, Status, User
from orientation.quizzes import services as quizzes
from orientation.trainer import cohorts as trainer_cohorts

CENTRE = {
    "name": "Demo Pre-departure Training Centre",
    "licence_number": "DEMO-0001",
    "country": "KH",
    "address": "Demo address: a centre fills in its own",
    "signatory_name": "Demo Director",
    "signatory_title": "Director",
}

# (login, secret, role, display name, Latin name, preferred locale)
PEOPLE = [
    ("admin", "demo-admin-pass", Role.admin, "Demo Admin", None, "en"),
    ("trainer", "demo-trainer-pass", Role.trainer, "Demo Trainer", None, "en"),
    ("10000001", "123456", Role.trainee, "សុខ ចាន់ថា", "SOK CHANTHA", "km"),
    ("10000002", "123456", Role.trainee, "ສົມສັກ ພົມມະວົງ", "SOMSACK PHOMMAVONG", "lo"),
    ("10000003", "123456", Role.trainee, "Nguyễn Thị Hoa", "NGUYEN THI HOA", "vi"),
    ("10000004", "123456", Role.trainee, "李明", "LI MING", "zh"),
]


COHORT = "Demo cohort: Thailand"
COHORT_MEMBERS = ("10000001", "10000002", "10000003")  # 10000004 chooses courses alone
# Only the centre's own number, clearly marked: a demo never shows an invented embassy or
# helpline number as if it were real. Other contacts read "ask your trainer".
DEMO_CONTACTS = {("TH", "centre_phone"): "000 000 000 (demo centre)"}


class DemoRefused(RuntimeError):
    """Demo data would put known passwords on a production system."""


def load(config):
    """Upsert the demo data; returns the number of rows created or changed."""
    if config["ENV"] == "production":
        raise DemoRefused("Demo data is never loaded in production.")
    changes = 0
    centre = centres.get_centre(CENTRE["licence_number"])
    if centre is None:
        centre = centres.create_centre(**CENTRE)
        changes += 1
    elif centre.country is None:  # a demo loaded before centres had a country
        centres.update_centre(centre, country=CENTRE["country"])
        changes += 1
    for login, secret, role, name, latin, locale in PEOPLE:
        user = db.session.scalar(select(User).where(User.login_code == login))
        if user is None:
            accounts.create_user(role, name, secret, login_code=login, latin_name=latin,
                                 centre=None if role == Role.admin else centre,
                                 preferred_locale=locale)
            changes += 1
        elif _refresh(user, role, name, latin, secret):
            changes += 1
    db.session.commit()
    changes += _load_cohort(centre) + _load_contacts() + _load_certificates()
    changes += _load_big_cohort(centre)
    trainer = db.session.scalar(select(User).where(User.login_code == "trainer"))
    return changes + departure_demo.load(trainer)


# A cohort of thirty at every stage, so that a trainer's first look shows a living cohort.
BIG_COHORT = "Demo cohort: departing soon"
NAMES = [
    ("km", "ហេង វណ្ណា", "HENG VANNA"), ("lo", "ບຸນມີ ສີສະຫວາດ", "BOUNMY SISAVATH"),
    ("vi", "Trần Văn Nam", "TRAN VAN NAM"), ("zh", "王芳", "WANG FANG"),
    ("km", "ចាន់ សុភា", "CHAN SOPHEA"), ("lo", "ຄຳລາ ພົມມະຈັນ", "KHAMLA PHOMMACHANH"),
    ("vi", "Lê Thị Mai", "LE THI MAI"), ("zh", "张伟", "ZHANG WEI"),
    ("km", "គឹម ស្រីនាង", "KIM SREYNEANG"), ("lo", "ນ້ອຍ ແກ້ວມະນີ", "NOY KEOMANY"),
]
# (first, last) trainee numbers and what they have done
STAGES = [(0, 6, "not_started"), (6, 12, "halfway"), (12, 18, "failed"),
          (18, 24, "finished"), (24, 30, "finished_two")]


def _load_big_cohort(centre):
    programme = services.get_programme("thailand")
    if programme is None or db.session.scalar(select(Cohort).where(
            Cohort.centre_id == centre.id, Cohort.name == BIG_COHORT)):
        return 0
    today = date.today()
    cohort = services.create_cohort(centre, programme, BIG_COHORT, today - timedelta(days=20),
                                    today + timedelta(days=9))
    courses = [entry.course for entry in programme.entries if entry.course.published]
    members = []
    for n in range(30):
        locale, name, latin = NAMES[n % len(NAMES)]
        user = accounts.create_user(Role.trainee, f"{name} {n + 1}", "123456",
                                    login_code=f"2{n + 1:07d}", latin_name=latin,
                                    centre=centre, preferred_locale=locale)
        services.join_cohort(user, cohort)
        members.append(user)
        _advance(user, courses, next(stage for first, last, stage in STAGES
                                     if first <= n < last), locale)
    for day, hours, present in ((18, 3.0, 30), (11, 3.0, 24), (4, 2.0, 15)):
        session = trainer_cohorts.add_session(cohort, today - timedelta(days=day), hours,
                                              "Demo session", None)
        trainer_cohorts.record_attendance(session, {u.id for u in members[:present]}, None)
    return 1


def _advance(user, courses, stage, locale):
    """Bring a demo trainee to a stage, the way a trainee would get there."""
    if stage == "not_started":
        return
    first = courses[0]
    lessons = get_library().courses[first.slug].lessons
    if stage == "halfway":
        for lesson in lessons[:len(lessons) // 2]:
            services.mark_done(user, first, lesson.id)
    elif stage == "failed":
        for lesson in lessons:
            services.mark_done(user, first, lesson.id)
        quiz = get_library().courses[first.slug].final_quiz
        attempt = quizzes.start_attempt(user, first, quiz, locale)
        wrong = {q.id: ([not q.correct] if q.type == "true_false" else
                        list(reversed(q.correct)) if q.type == "ordering" else
                        [next(o.id for o in q.options if o.id not in (
                            q.correct if isinstance(q.correct, list) else [q.correct]))])
                 for q in quiz.questions}
        quizzes.submit_attempt(user, attempt, first, quiz, wrong, locale)
    else:
        for course in courses[:2 if stage == "finished_two" else 1]:
            _complete(user, course, locale)


# (login, course, language, what then happens to the certificate)
DEMO_CERTIFICATES = [
    ("10000001", 0, "km", None),
    ("10000002", 0, "lo", "replaced"),
    ("10000003", 0, "vi", None),
    ("10000003", 1, "vi", "revoked"),
    ("10000004", 0, "zh", None),
]


def _load_certificates():
    """Completed courses with certificates in every script: valid, replaced and revoked."""
    courses = db.session.scalars(select(Course).where(Course.status == Status.published)
                                 .order_by(Course.id)).all()
    preferred = [c for slug in ("safe-migration", "your-rights") for c in courses
                 if c.slug == slug] or courses
    admin = db.session.scalar(select(User).where(User.login_code == "admin"))
    changes = 0
    for login, index, locale, then in DEMO_CERTIFICATES:
        if index >= len(preferred):
            continue
        user = db.session.scalar(select(User).where(User.login_code == login))
        course = preferred[index]
        if db.session.scalar(select(Certificate).where(Certificate.user_id == user.id,
                                                       Certificate.course_id == course.id)):
            continue
        _complete(user, course, locale)
        certificate = db.session.scalar(select(Certificate).where(
            Certificate.user_id == user.id, Certificate.course_id == course.id))
        if then == "revoked":
            certificates.revoke(certificate, "Demo: issued to the wrong trainee", admin)
        elif then == "replaced":
            certificates.reissue(certificate, admin)
        changes += 1
    return changes


def _complete(user, course, locale):
    """Read every lesson and pass the final quiz, as the trainee would."""
    package = get_library().courses[course.slug]
    services.enrol(user, course, EnrolmentSource.cohort)
    for lesson in package.lessons:
        services.mark_done(user, course, lesson.id)
    quiz = package.final_quiz
    attempt = quizzes.start_attempt(user, course, quiz, locale)
    answers = {q.id: [q.correct] if q.type in ("single", "true_false") else list(q.correct)
               for q in quiz.questions}
    quizzes.submit_attempt(user, attempt, course, quiz, answers, locale)


def _load_cohort(centre):
    """The demo cohort for the Thailand programme, once the courses are loaded."""
    programme = services.get_programme("thailand")
    if programme is None:
        return 0
    changes = 0
    cohort = db.session.scalar(select(Cohort).where(Cohort.centre_id == centre.id,
                                                    Cohort.name == COHORT))
    if cohort is None:
        start = date.today()
        cohort = services.create_cohort(centre, programme, COHORT, start,
                                        start + timedelta(days=45))
        changes += 1
    for login in COHORT_MEMBERS:
        user = db.session.scalar(select(User).where(User.login_code == login))
        if services.get_active_cohort_id(user.id) != cohort.id:
            services.join_cohort(user, cohort)
            changes += 1
    return changes


def _load_contacts():
    changes = 0
    for (destination, key), value in DEMO_CONTACTS.items():
        if key not in get_library().contacts:
            continue
        for locale in LANGUAGES:
            if contacts.get_contact(destination, locale, key) != value:
                contacts.set_contact(destination, locale, key, value)
                changes += 1
    return changes


def _refresh(user, role, name, latin, secret):
    """Put a demo account back as the demo data describes it; True when something changed."""
    changed = False
    if user.role != role:
        accounts.change_role(user, role)
        changed = True
    for field, value in (("display_name", name), ("latin_name", latin), ("active", True)):
        if getattr(user, field) != value:
            setattr(user, field, value)
            changed = True
    if not accounts.verify_secret(user, secret):
        accounts.set_secret(user, secret)
        changed = True
    return changed
