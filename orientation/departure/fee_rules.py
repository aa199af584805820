"""The fee rules as data: the cost categories of the ILO's 2018 "Definition of recruitment
fees and related costs", who that definition says should pay each one, and a plain
explanation in every language, with the money-matters lesson that says what to do.

Data in code rather than courses/fees.yaml: the table is small, it is a rule the readiness
check and the forms depend on (a category code is stored with each payment), and it must
not change with the courses folder a deployment or a test points at. The texts are
course-content data all the same, written once here in the five languages.

Facts only from the project's curriculum (ILO C181 Art. 7; the 2016 general principles and
the 2018 definition, published together in 2019; Viet Nam's Law 69/2020/QH14): no amounts,
no articles beyond those.
"""

from dataclasses import dataclass

EMPLOYER = "employer"  # a cost of the recruitment process: the employer should pay it
WORKER = "worker"  # not a recruitment cost: never flagged
MONEY_COURSE = "money-matters"


@dataclass(frozen=True)
class FeeCategory:
    """One kind of payment: who should pay it, and what the worker reads about it."""

    code: str
    payer: str
    name: dict[str, str]
    text: dict[str, str]
    lesson: str  # a lesson of money-matters that says what to do
    # Origins whose own law allows the worker to pay it, within a cap the centre enters.
    capped_in: tuple[str, ...] = ()


# Shown with every cost the employer should have paid: which rule this is, and what to do.
EMPLOYER_NOTE = {
    "en": "The ILO's 2018 definition says the employer should pay this cost of recruitment, "
          "not you. It is an international standard, not always your country's law. Ask the "
          "labour office in your country what is allowed, and always get a receipt.",
    "km": "និយមន័យរបស់ ILO ឆ្នាំ 2018 និយាយថា និយោជកគួរបង់ថ្លៃនៃការជ្រើសរើសនេះ មិនមែនអ្នកទេ។ "
          "នេះជាស្តង់ដារអន្តរជាតិ មិនមែនតែងតែជាច្បាប់នៃប្រទេសរបស់អ្នកទេ។ "
          "សូមសួរការិយាល័យការងារក្នុងប្រទេសរបស់អ្នក ថាអ្វីខ្លះត្រូវបានអនុញ្ញាត "
          "ហើយត្រូវយកបង្កាន់ដៃជានិច្ច។",
    "lo": "ນິຍາມຂອງ ILO ປີ 2018 ບອກວ່າ ນາຍຈ້າງຄວນຈ່າຍຄ່າໃຊ້ຈ່າຍໃນການຮັບສະໝັກນີ້, ບໍ່ແມ່ນທ່ານ. "
          "ນີ້ແມ່ນມາດຕະຖານສາກົນ, ບໍ່ແມ່ນກົດໝາຍຂອງປະເທດທ່ານສະເໝີໄປ. "
          "ໃຫ້ຖາມຫ້ອງການແຮງງານໃນປະເທດຂອງທ່ານວ່າ ອັນໃດອະນຸຍາດ, ແລະ ຂໍໃບຮັບເງິນທຸກຄັ້ງ.",
    "vi": "Định nghĩa năm 2018 của ILO nói rằng người sử dụng lao động nên trả chi phí tuyển "
          "dụng này, không phải bạn. Đây là tiêu chuẩn quốc tế, không phải lúc nào cũng là luật "
          "của nước bạn. Hãy hỏi cơ quan lao động ở nước bạn xem điều gì được phép, và luôn "
          "lấy biên lai.",
    "zh": "国际劳工组织（ILO）2018年的定义说：这笔招聘费用应该由雇主支付，而不是你。"
          "这是国际标准，不一定是你们国家的法律。请问你们国家的劳动部门什么是允许的，"
          "并且每次都要拿收据。",
}

CATEGORIES = (
    FeeCategory(
        "service_fee", EMPLOYER,
        {"en": "Recruitment or agency service fee", "km": "ថ្លៃជ្រើសរើស ឬថ្លៃសេវាភ្នាក់ងារ",
         "lo": "ຄ່າຮັບສະໝັກ ຫຼື ຄ່າບໍລິການຂອງບໍລິສັດຈັດຫາງານ",
         "vi": "Phí tuyển dụng hoặc tiền dịch vụ", "zh": "招聘费或中介服务费"},
        {"en": "The ILO standard says the employer pays for recruitment, not the worker. "
               "Viet Nam's Law 69/2020/QH14 is different: a licensed enterprise may charge a "
               "service fee up to a legal cap, written in your contract. From Cambodia, Laos "
               "or Yunnan, ask the labour office in your country what is allowed.",
         "km": "ស្តង់ដារ ILO និយាយថា និយោជកបង់ថ្លៃជ្រើសរើស មិនមែនពលករទេ។ "
               "ច្បាប់វៀតណាមលេខ 69/2020/QH14 ខុសពីនេះ៖ សហគ្រាសដែលមានអាជ្ញាប័ណ្ណ "
               "អាចយកថ្លៃសេវាមិនលើសពីកម្រិតដែលច្បាប់កំណត់ ហើយត្រូវសរសេរក្នុងកិច្ចសន្យារបស់អ្នក។ "
               "បើអ្នកមកពីកម្ពុជា ឡាវ ឬយូណាន សូមសួរការិយាល័យការងារក្នុងប្រទេសរបស់អ្នក "
               "ថាអ្វីខ្លះត្រូវបានអនុញ្ញាត។",
         "lo": "ມາດຕະຖານຂອງ ILO ບອກວ່າ ນາຍຈ້າງເປັນຜູ້ຈ່າຍຄ່າຮັບສະໝັກ, ບໍ່ແມ່ນແຮງງານ. "
               "ກົດໝາຍຫວຽດນາມ ເລກທີ 69/2020/QH14 ແຕກຕ່າງ: ວິສາຫະກິດທີ່ມີໃບອະນຸຍາດ "
               "ສາມາດເກັບຄ່າບໍລິການໄດ້ ບໍ່ເກີນເພດານທີ່ກົດໝາຍກຳນົດ, ແລະ ຕ້ອງຂຽນໄວ້ໃນສັນຍາຂອງທ່ານ. "
               "ຖ້າທ່ານມາຈາກ ກຳປູເຈຍ, ລາວ ຫຼື ຢູນນານ, ໃຫ້ຖາມຫ້ອງການແຮງງານໃນປະເທດຂອງທ່ານວ່າ "
               "ອັນໃດອະນຸຍາດ.",
         "vi": "Theo tiêu chuẩn của ILO, người sử dụng lao động trả chi phí tuyển dụng, không "
               "phải người lao động. Luật 69/2020/QH14 của Việt Nam khác: doanh nghiệp có giấy "
               "phép được thu tiền dịch vụ không quá mức trần luật định, và phải ghi trong hợp "
               "đồng của bạn. Nếu bạn đi từ Campuchia, Lào hoặc Vân Nam, hãy hỏi cơ quan lao "
               "động ở nước bạn xem điều gì được phép.",
         "zh": "国际劳工组织（ILO）的标准是：招聘费用由雇主支付，而不是工人。越南第69/2020/QH14号"
               "法律不同：有许可的企业可以收取服务费，但不能超过法律规定的上限，并且要写在你的"
               "合同里。如果你来自柬埔寨、老挝或云南，请问你们国家的劳动部门什么是允许的。"},
        "no-recruitment-fees", capped_in=("VN",)),
    FeeCategory(
        "medical", EMPLOYER,
        {"en": "Medical check-up", "km": "ការពិនិត្យសុខភាព", "lo": "ການກວດສຸຂະພາບ",
         "vi": "Khám sức khỏe", "zh": "体检"},
        {"en": "Medical checks needed to get the job are a recruitment cost.",
         "km": "ការពិនិត្យសុខភាពដែលត្រូវការដើម្បីទទួលបានការងារ គឺជាថ្លៃនៃការជ្រើសរើស។",
         "lo": "ການກວດສຸຂະພາບທີ່ຕ້ອງເຮັດເພື່ອໄດ້ວຽກ ແມ່ນຄ່າໃຊ້ຈ່າຍໃນການຮັບສະໝັກ.",
         "vi": "Khám sức khỏe cần để có việc làm là một chi phí tuyển dụng.",
         "zh": "为了得到这份工作而做的体检，属于招聘费用。"},
        "if-you-are-asked-to-pay"),
    FeeCategory(
        "insurance", EMPLOYER,
        {"en": "Insurance", "km": "ធានារ៉ាប់រង", "lo": "ປະກັນໄພ", "vi": "Bảo hiểm",
         "zh": "保险"},
        {"en": "Insurance needed for the recruitment is a recruitment cost.",
         "km": "ធានារ៉ាប់រងដែលត្រូវការសម្រាប់ការជ្រើសរើស គឺជាថ្លៃនៃការជ្រើសរើស។",
         "lo": "ປະກັນໄພທີ່ຕ້ອງມີສຳລັບການຮັບສະໝັກ ແມ່ນຄ່າໃຊ້ຈ່າຍໃນການຮັບສະໝັກ.",
         "vi": "Bảo hiểm cần cho việc tuyển dụng là một chi phí tuyển dụng.",
         "zh": "招聘过程需要的保险，属于招聘费用。"},
        "if-you-are-asked-to-pay"),
    FeeCategory(
        "skills_tests", EMPLOYER,
        {"en": "Skills, language or qualification tests",
         "km": "ការប្រឡងជំនាញ ភាសា ឬគុណវុឌ្ឍិ", "lo": "ການສອບເສັງທັກສະ, ພາສາ ຫຼື ຄຸນວຸດທິ",
         "vi": "Thi tay nghề, ngoại ngữ hoặc chứng chỉ", "zh": "技能、语言或资格考试"},
        {"en": "Tests of your skills or qualifications for the job are a recruitment cost.",
         "km": "ការប្រឡងជំនាញ ឬគុណវុឌ្ឍិសម្រាប់ការងារ គឺជាថ្លៃនៃការជ្រើសរើស។",
         "lo": "ການສອບເສັງທັກສະ ຫຼື ຄຸນວຸດທິສຳລັບວຽກ ແມ່ນຄ່າໃຊ້ຈ່າຍໃນການຮັບສະໝັກ.",
         "vi": "Các kỳ thi tay nghề hoặc chứng chỉ cho công việc là chi phí tuyển dụng.",
         "zh": "为这份工作考技能或资格的费用，属于招聘费用。"},
        "if-you-are-asked-to-pay"),
    FeeCategory(
        "training", EMPLOYER,
        {"en": "Training and orientation", "km": "វគ្គបណ្តុះបណ្តាល និងតម្រង់ទិស",
         "lo": "ການຝຶກອົບຮົມ ແລະ ການປະຖົມນິເທດ", "vi": "Đào tạo và định hướng",
         "zh": "培训和出国前指导"},
        {"en": "Training and orientation required for the job are a recruitment cost.",
         "km": "វគ្គបណ្តុះបណ្តាល និងតម្រង់ទិសដែលតម្រូវសម្រាប់ការងារ គឺជាថ្លៃនៃការជ្រើសរើស។",
         "lo": "ການຝຶກອົບຮົມ ແລະ ການປະຖົມນິເທດທີ່ວຽກຕ້ອງການ ແມ່ນຄ່າໃຊ້ຈ່າຍໃນການຮັບສະໝັກ.",
         "vi": "Đào tạo và định hướng bắt buộc cho công việc là chi phí tuyển dụng.",
         "zh": "这份工作要求的培训和出国前指导，属于招聘费用。"},
        "if-you-are-asked-to-pay"),
    FeeCategory(
        "equipment", EMPLOYER,
        {"en": "Equipment (tools, uniform)", "km": "ឧបករណ៍ (ឧបករណ៍ការងារ ឯកសណ្ឋាន)",
         "lo": "ອຸປະກອນ (ເຄື່ອງມື, ເຄື່ອງແບບ)", "vi": "Trang thiết bị (dụng cụ, đồng phục)",
         "zh": "装备（工具、工作服）"},
        {"en": "Tools, uniforms or safety gear for the job are a recruitment cost.",
         "km": "ឧបករណ៍ការងារ ឯកសណ្ឋាន ឬឧបករណ៍សុវត្ថិភាពសម្រាប់ការងារ គឺជាថ្លៃនៃការជ្រើសរើស។",
         "lo": "ເຄື່ອງມື, ເຄື່ອງແບບ ຫຼື ອຸປະກອນຄວາມປອດໄພສຳລັບວຽກ ແມ່ນຄ່າໃຊ້ຈ່າຍໃນການຮັບສະໝັກ.",
         "vi": "Dụng cụ, đồng phục hoặc đồ bảo hộ cho công việc là chi phí tuyển dụng.",
         "zh": "工作用的工具、工作服或安全装备，属于招聘费用。"},
        "if-you-are-asked-to-pay"),
    FeeCategory(
        "travel", EMPLOYER,
        {"en": "Travel and lodging", "km": "ការធ្វើដំណើរ និងកន្លែងស្នាក់នៅ",
         "lo": "ການເດີນທາງ ແລະ ທີ່ພັກ", "vi": "Đi lại và chỗ ở", "zh": "路费和住宿"},
        {"en": "Travel and lodging to go to the job, to interviews or to training are "
               "recruitment costs.",
         "km": "ការធ្វើដំណើរ និងកន្លែងស្នាក់នៅ ដើម្បីទៅកន្លែងការងារ ទៅសម្ភាសន៍ "
               "ឬទៅវគ្គបណ្តុះបណ្តាល គឺជាថ្លៃនៃការជ្រើសរើស។",
         "lo": "ຄ່າເດີນທາງ ແລະ ທີ່ພັກ ເພື່ອໄປບ່ອນເຮັດວຽກ, ໄປສຳພາດ ຫຼື ໄປຝຶກອົບຮົມ "
               "ແມ່ນຄ່າໃຊ້ຈ່າຍໃນການຮັບສະໝັກ.",
         "vi": "Đi lại và chỗ ở để đến nơi làm việc, đi phỏng vấn hoặc đi học là chi phí "
               "tuyển dụng.",
         "zh": "去工作地点、去面试或参加培训的路费和住宿，属于招聘费用。"},
        "if-you-are-asked-to-pay"),
    FeeCategory(
        "documents", EMPLOYER,
        {"en": "Papers: visa, work permit, passport, legalisation",
         "km": "ឯកសារ៖ ទិដ្ឋាការ លិខិតអនុញ្ញាតការងារ លិខិតឆ្លងដែន ការបញ្ជាក់ឯកសារ",
         "lo": "ເອກະສານ: ວີຊາ, ໃບອະນຸຍາດເຮັດວຽກ, ໜັງສືຜ່ານແດນ, ການຢັ້ງຢືນເອກະສານ",
         "vi": "Giấy tờ: thị thực, giấy phép lao động, hộ chiếu, hợp pháp hóa",
         "zh": "证件：签证、工作许可、护照、文件认证"},
        {"en": "Fees for papers needed for the recruitment (visa, work permit, passport, "
               "legalised documents) are administrative costs of recruitment.",
         "km": "ថ្លៃឯកសារដែលត្រូវការសម្រាប់ការជ្រើសរើស (ទិដ្ឋាការ លិខិតអនុញ្ញាតការងារ "
               "លិខិតឆ្លងដែន ឯកសារដែលបានបញ្ជាក់) គឺជាថ្លៃរដ្ឋបាលនៃការជ្រើសរើស។",
         "lo": "ຄ່າເອກະສານທີ່ຕ້ອງການສຳລັບການຮັບສະໝັກ (ວີຊາ, ໃບອະນຸຍາດເຮັດວຽກ, ໜັງສືຜ່ານແດນ, "
               "ເອກະສານທີ່ຢັ້ງຢືນແລ້ວ) ແມ່ນຄ່າບໍລິຫານຂອງການຮັບສະໝັກ.",
         "vi": "Phí làm giấy tờ cần cho việc tuyển dụng (thị thực, giấy phép lao động, hộ "
               "chiếu, hợp pháp hóa giấy tờ) là chi phí hành chính của tuyển dụng.",
         "zh": "为招聘办理证件的费用（签证、工作许可、护照、文件认证），属于招聘的行政费用。"},
        "if-you-are-asked-to-pay"),
    FeeCategory(
        "other", WORKER,
        {"en": "Other: not a recruitment cost (for example personal spending)",
         "km": "ផ្សេងៗ៖ មិនមែនជាថ្លៃជ្រើសរើសទេ (ឧទាហរណ៍ ការចំណាយផ្ទាល់ខ្លួន)",
         "lo": "ອື່ນໆ: ບໍ່ແມ່ນຄ່າຮັບສະໝັກ (ຕົວຢ່າງ ການໃຊ້ຈ່າຍສ່ວນຕົວ)",
         "vi": "Khác: không phải chi phí tuyển dụng (ví dụ chi tiêu cá nhân)",
         "zh": "其他：不是招聘费用（例如个人花销）"},
        {"en": "Money you spend for yourself, such as food you choose or gifts, is not a "
               "recruitment cost.",
         "km": "លុយដែលអ្នកចាយសម្រាប់ខ្លួនឯង ដូចជាម្ហូបដែលអ្នកជ្រើសរើស ឬកាដូ "
               "មិនមែនជាថ្លៃនៃការជ្រើសរើសទេ។",
         "lo": "ເງິນທີ່ທ່ານໃຊ້ສຳລັບຕົວເອງ ເຊັ່ນ ອາຫານທີ່ທ່ານເລືອກເອງ ຫຼື ຂອງຂວັນ "
               "ບໍ່ແມ່ນຄ່າໃຊ້ຈ່າຍໃນການຮັບສະໝັກ.",
         "vi": "Tiền bạn tự tiêu cho bản thân, như đồ ăn bạn tự chọn hay quà tặng, không phải "
               "chi phí tuyển dụng.",
         "zh": "你为自己花的钱，比如自己选的饭菜或礼物，不属于招聘费用。"},
        "no-recruitment-fees"),
)
BY_CODE = {category.code: category for category in CATEGORIES}
SERVICE_FEE = "service_fee"
# Where a missing receipt sends the worker: the lesson's "Why a receipt matters".
RECEIPT_LESSON = "no-recruitment-fees"
CURRENCIES = ("USD", "KHR", "LAK", "VND", "CNY", "THB", "MYR", "HKD", "KRW")


def is_employer_cost(code, origin):
    """Did a worker from `origin` pay what the employer should pay? An unknown category
    counts as one (nothing is waved through); a cost the origin's law allows within a cap
    is checked against the cap instead."""
    category = BY_CODE.get(code)
    if category is None:
        return True
    return category.payer == EMPLOYER and origin not in category.capped_in


def needs_receipt(code):
    """Every payment of a recruitment cost needs a receipt; personal spending does not."""
    category = BY_CODE.get(code)
    return category is None or category.payer == EMPLOYER


def is_capped_fee(code, origin):
    """A fee the origin's law allows within a cap (Viet Nam's service fee)."""
    category = BY_CODE.get(code)
    return category is not None and origin in category.capped_in
