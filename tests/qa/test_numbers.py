"""Numbers are compared by value, however the translator writes them."""

from __future__ import annotations

import pytest

from workbench import qa


def codes(flags: list[qa.QAFlag]) -> list[str]:
    return [f.code for f in flags]


@pytest.mark.parametrize(
    ("source", "target", "tgt"),
    [
        ("More than 1.2 million refugees returned.", "۱۲ لاکھ سے زائد مہاجرین واپس آئے۔", "ur"),
        ("More than 1.2 million refugees returned.", "12 لاکھ سے زائد مہاجرین واپس آئے۔", "ur"),
        ("The UN said 23.7 million needed aid.", "2 کروڑ 37 لاکھ افراد کو امداد درکار ہے۔", "ur"),
        ("A $1.2 billion loan.", "ایک ارب 20 کروڑ ڈالر کا قرض۔", "ur"),
        ("Rs1.5 trillion for development.", "ترقی کے لیے 1500 ارب روپے۔", "ur"),
        ("It issued 350,000 passports.", "اس نے ساڑھے تین لاکھ پاسپورٹ جاری کیے۔", "ur"),
        ("Trade fell to $2.5 billion.", "تجارت ڈھائی ارب ڈالر رہ گئی۔", "ur"),
        ("Petrol was cut by Rs5.36.", "پیٹرول 5 روپے 36 پیسے سستا ہوا۔", "ur"),
        ("About 4.6 million people.", "حدود ۴٫۶ میلیون نفر.", "fa-AF"),
        ("About 4.6 million people.", "حدود ۴/۶ میلیون نفر.", "fa"),
        ("About 5 million Afghans.", "بیش از پنج میلیون افغان.", "fa-AF"),
        ("It rose 2.5 million.", "دو و نیم میلیون افزایش یافت.", "fa-AF"),
        ("A 10 percent rise.", "افزایش ده درصدی.", "fa-AF"),
        ("Some 350,000 passports.", "۳۵۰ هزار پاسپورت.", "fa-AF"),
        ("Over 1.2 million returned.", "له ۱.۲ میلیونو ډېر راستانه شول.", "ps"),
        ("He was fined Rs1 million.", "لس لکه روپۍ جریمه شو.", "ps"),
        ("Some 12,000 workers.", "شاوخوا ۱۲ زره کارګران.", "ps"),
        ("A 10 percent rise.", "د لسو سلنو زیاتوالی.", "ps"),
        ("It reported 1,250 cases.", "۱،۲۵۰ پېښې ثبت شوې.", "ps"),
        ("Turnout was 47.6%.", "ګډون ۴۷٫۶٪ و.", "ps"),
        ("It closed at 278.50.", "په ۲۷۸.۵ بند شو.", "ps"),
        ("In 2022 it shrank.", "په ٢٠٢٢ کې راکم شو.", "ps"),  # Arabic-Indic digits
    ],
)
def test_number_written_as_the_language_writes_it_passes(source, target, tgt):
    assert qa.check_numbers(source, target, tgt) == []


@pytest.mark.parametrize(
    ("source", "target", "tgt", "named"),
    [
        ("More than 1.2 million refugees.", "12 ہزار سے زائد مہاجرین۔", "ur", "1.2 million"),
        ("More than 1.2 million refugees.", "۱٫۲ میلیارد پناهجو.", "fa-AF", "1.2 million"),
        ("A $1.2 billion loan.", "ایک ارب ڈالر کا قرض۔", "ur", "1.2 billion"),
        ("It left 16 dead.", "۶۱ تن کشته شدند.", "fa-AF", "16"),
        ("Turnout was 47.6%.", "ګډون ۴۶.۷ سلنه و.", "ps", "47.6"),
        ("Some 350,000 passports.", "۳۵ هزار پاسپورت.", "fa-AF", "350,000"),
    ],
)
def test_wrong_or_missing_number_is_flagged_naming_it(source, target, tgt, named):
    (flag,) = qa.check_numbers(source, target, tgt)
    assert flag.code == qa.NUMBER_MISSING and named in flag.message


def test_each_occurrence_needs_its_own_number():
    (flag,) = qa.check_numbers("From 10 to 10 districts.", "۱۰ ولسوالیو ته.", "ps")
    assert "10" in flag.message


def test_number_kept_with_a_scale_word_the_check_does_not_know_still_matches_by_digits():
    assert qa.check_numbers("About 1.2 million.", "تقریباً 1.2 ملیئن۔", "ur") == []


def test_percent_written_as_a_word_in_each_language_passes():
    for target, tgt in [("40 فیصد", "ur"), ("۴۰ درصد", "fa-AF"), ("۴۰ سلنه", "ps"), ("۴۰٪", "ps")]:
        assert qa.check_numbers("Nearly 40% of children.", target, tgt) == []


def test_millions_abbreviated_m_after_money_but_metres_stay_metres():
    assert qa.check_numbers("A $5m grant.", "50 لاکھ ڈالر کی امداد۔", "ur") == []
    assert qa.check_numbers("A 20m wall.", "20 میٹر اونچی دیوار۔", "ur") == []
    assert qa.check_numbers("A $5m grant.", "5 ڈالر کی امداد۔", "ur") == []  # digits kept bare
    assert qa.check_numbers("A $5m grant.", "5 ہزار ڈالر۔", "ur") != []
