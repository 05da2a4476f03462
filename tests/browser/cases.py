"""A valid case of each programme, answers in form order as staff type
them (choices by code, yes/no, several choices comma-separated), valid
when received on lib.TODAY (2026-11-22).  Shared by the browser tests
and bench/serve-load.py (standard library only here)."""

CASES = {
    "uij_turn": [
        ("name", "青森 太郎"),
        ("name_kana", "アオモリ　タロウ"),
        ("birth_date", "平成2年4月1日"),
        ("postal_code", "0300801"),
        ("address", "青森市新町1-1"),
        ("phone", "0177341111"),
        ("moved_from", "13"),
        ("moved_in_on", "2026-06-01"),
        ("household", "household"),
        ("children_under_18", "1"),
        ("grant_requested", "yes"),
        ("tokyo23_years", "6"),
        ("tokyo23_last_year", "yes"),
        ("job_listed", "yes"),
        ("job_open_ended", "yes"),
        ("job_hours", "40"),
        ("job_started_on", "2026-06-01"),
    ],
    "kigyo_shien": [
        ("name", "五所川原一郎"),
        ("name_kana", "ゴショガワライチロウ"),
        ("birth_date", "1980-10-10"),
        ("postal_code", "0378686"),
        ("address", "五所川原市字岩木町12"),
        ("phone", "0173352111"),
        ("stage", "founded_within_1y"),
        ("opening_on", "2026-01-10"),
        ("legal_form", "kabushiki"),
        ("business_field", "地域食材の加工販売"),
        ("eligible_expenses", "3000000"),
        ("relocated", "yes"),
    ],
    "jigyo_shokei": [
        ("name", "山田太郎"),
        ("name_kana", "ヤマダタロウ"),
        ("birth_date", "1975-04-01"),
        ("postal_code", "0308570"),
        ("address", "青森県青森市長島一丁目1-1"),
        ("phone", "0177221111"),
        ("sole_proprietor", "no"),
        ("corporate_number", "7000012050002"),
        ("company_name", "山田製作所"),
        ("company_kana", "ヤマダセイサクショ"),
        ("industry", "E"),
        ("employees", "12"),
        ("owner_birth_date", "1960-06-15"),
        ("successor_status", "candidate"),
        ("succession_type", "family"),
        ("stage", "pre"),
    ],
    "shogai_shuro": [
        ("name", "佐藤花子"),
        ("name_kana", "サトウハナコ"),
        ("birth_date", "2000-10-10"),
        ("postal_code", "0300801"),
        ("address", "青森県青森市新町1-1"),
        ("phone", "09012345678"),
        ("email", "hanako@example.jp"),
        ("disability_kinds", "intellectual,developmental"),
        ("handbooks", "ryoiku"),
        ("ryoiku_grade", "b1"),
        ("course", "knowledge"),
        ("weekly_hours", "0"),
    ],
}

# What the store holds for a typed answer, where it differs.
STORED = {
    "平成2年4月1日": "1990-04-01",
    "yes": "1",
    "no": "0",
}


def add_args(programme, answers=None):
    """The case as `intake add` arguments."""
    return [programme] + ["%s=%s" % (field, value) for field, value in
                          (answers or CASES[programme])]
