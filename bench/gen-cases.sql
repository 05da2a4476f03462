-- Bench data: @n applications of the four programmes with about 1.5
-- outcomes each, written in SQL into a database `intake init` made.
-- Run by bench/gen-cases.sh, which sets the parameters (after any
-- PRAGMA temp_store: changing it drops them)
--   @n      applications
--   @today  the last day anything happens ('2026-11-30')
-- and drops the indexes of applications, answers and outcomes before
-- (and makes them again after): an index built by sorting is far
-- quicker than one grown row by row.  The same @n and @today always
-- give the same rows (no random(): every choice is a hash of the id).
--
-- What it writes, as `intake add` and `intake outcome` would have:
-- applications received from 2024-04-01 (FY2024) to @today in id
-- order, receipts PREFIX-FY-NNNNNN numbered per programme and fiscal
-- year, four offices, 20 staff; every answer of each programme's form
-- that a case of its kind has, derived fields included; outcomes along
-- paths that keep each plugin's order rules (needs, once, exclusive,
-- months between), dated after received_on and not after @today, with
-- amounts where the outcome carries one; 1 % of the cases with an
-- outcome voided (and recorded again), 2 % withdrawn; status, search
-- keys, receipt_sequences and outcome_counts from those rows.
-- Not written: audit rows (intake writes one per add and outcome, with
-- the answers as JSON: about as large again as the answers), notes,
-- links, drafts, accounts.

PRAGMA synchronous = OFF;
PRAGMA cache_size = -1000000;
BEGIN;

-- x_k(id): a permutation of 1..2^31-2 per multiplier, squared once so
-- neighbouring ids do not step evenly; r0..r7 are independent enough
-- for choosing among a few codes.
CREATE TEMP TABLE h AS
SELECT id,
	x0 * x0 % 2147483647 AS r0, x1 * x1 % 2147483647 AS r1,
	x2 * x2 % 2147483647 AS r2, x3 * x3 % 2147483647 AS r3,
	x4 * x4 % 2147483647 AS r4, x5 * x5 % 2147483647 AS r5,
	x6 * x6 % 2147483647 AS r6, x7 * x7 % 2147483647 AS r7
FROM (SELECT value AS id,
	value * 2047483673 % 2147483647 AS x0,
	value * 1857654283 % 2147483647 AS x1,
	value * 1597334677 % 2147483647 AS x2,
	value * 1376312589 % 2147483647 AS x3,
	value * 1223106847 % 2147483647 AS x4,
	value * 1140671485 % 2147483647 AS x5,
	value * 1013904223 % 2147483647 AS x6,
	value * 2013765327 % 2147483647 AS x7
	FROM generate_series(1, @n));

CREATE TEMP TABLE programme (p INTEGER PRIMARY KEY, id TEXT, prefix TEXT);
INSERT INTO programme VALUES (0, 'uij_turn', 'UIJ'),
	(1, 'kigyo_shien', 'KGY'), (2, 'jigyo_shokei', 'JGS'),
	(3, 'shogai_shuro', 'SGS');

-- Offices and their staff (the account names as staff sign in).
CREATE TEMP TABLE office (o INTEGER PRIMARY KEY, name TEXT, city TEXT,
	postal TEXT, phone TEXT, first_staff INTEGER, staff INTEGER);
INSERT INTO office VALUES
	(0, '本庁', '青森市', '030', '017', 0, 8),
	(1, '弘前', '弘前市', '036', '0172', 8, 5),
	(2, '八戸', '八戸市', '031', '0178', 13, 5),
	(3, 'むつ', 'むつ市', '035', '0175', 18, 2);
CREATE TEMP TABLE staff (s INTEGER PRIMARY KEY, name TEXT);
INSERT INTO staff (name) VALUES ('sato'), ('suzuki'), ('takahashi'),
	('tanaka'), ('ito'), ('watanabe'), ('yamamoto'), ('nakamura'),
	('kobayashi'), ('kato'), ('yoshida'), ('yamada'), ('sasaki'),
	('yamaguchi'), ('matsumoto'), ('inoue'), ('kimura'), ('hayashi'),
	('saito'), ('shimizu');
UPDATE staff SET s = s - 1;

-- Names: family (50) x given (40), in kanji and katakana.
CREATE TEMP TABLE family (i INTEGER PRIMARY KEY, kanji TEXT, kana TEXT);
INSERT INTO family (kanji, kana) VALUES
	('佐藤', 'サトウ'), ('鈴木', 'スズキ'), ('高橋', 'タカハシ'),
	('田中', 'タナカ'), ('伊藤', 'イトウ'), ('渡辺', 'ワタナベ'),
	('山本', 'ヤマモト'), ('中村', 'ナカムラ'), ('小林', 'コバヤシ'),
	('加藤', 'カトウ'), ('吉田', 'ヨシダ'), ('山田', 'ヤマダ'),
	('佐々木', 'ササキ'), ('山口', 'ヤマグチ'), ('松本', 'マツモト'),
	('井上', 'イノウエ'), ('木村', 'キムラ'), ('林', 'ハヤシ'),
	('斎藤', 'サイトウ'), ('清水', 'シミズ'), ('工藤', 'クドウ'),
	('成田', 'ナリタ'), ('三上', 'ミカミ'), ('葛西', 'カサイ'),
	('木村', 'キムラ'), ('斉藤', 'サイトウ'), ('對馬', 'ツシマ'),
	('相馬', 'ソウマ'), ('山内', 'ヤマウチ'), ('福士', 'フクシ'),
	('須藤', 'スドウ'), ('小山内', 'オサナイ'), ('今', 'コン'),
	('奈良', 'ナラ'), ('鳴海', 'ナルミ'), ('棟方', 'ムナカタ'),
	('外崎', 'トノサキ'), ('一戸', 'イチノヘ'), ('三浦', 'ミウラ'),
	('中野', 'ナカノ'), ('野呂', 'ノロ'), ('長内', 'オサナイ'),
	('阿部', 'アベ'), ('石岡', 'イシオカ'), ('古川', 'フルカワ'),
	('蝦名', 'エビナ'), ('竹内', 'タケウチ'), ('西村', 'ニシムラ'),
	('岩崎', 'イワサキ'), ('小野', 'オノ');
CREATE TEMP TABLE given (i INTEGER PRIMARY KEY, kanji TEXT, kana TEXT);
INSERT INTO given (kanji, kana) VALUES
	('太郎', 'タロウ'), ('花子', 'ハナコ'), ('一郎', 'イチロウ'),
	('健太', 'ケンタ'), ('誠', 'マコト'), ('翔太', 'ショウタ'),
	('大輔', 'ダイスケ'), ('拓也', 'タクヤ'), ('直樹', 'ナオキ'),
	('陽子', 'ヨウコ'), ('恵', 'メグミ'), ('美咲', 'ミサキ'),
	('彩', 'アヤ'), ('愛', 'アイ'), ('優子', 'ユウコ'),
	('真由美', 'マユミ'), ('智子', 'トモコ'), ('久美子', 'クミコ'),
	('浩', 'ヒロシ'), ('学', 'マナブ'), ('亮', 'リョウ'),
	('剛', 'ツヨシ'), ('聡', 'サトシ'), ('修', 'オサム'),
	('明', 'アキラ'), ('進', 'ススム'), ('茂', 'シゲル'),
	('勇', 'イサム'), ('さくら', 'サクラ'), ('ひなた', 'ヒナタ'),
	('結衣', 'ユイ'), ('陽菜', 'ヒナ'), ('葵', 'アオイ'),
	('蓮', 'レン'), ('湊', 'ミナト'), ('樹', 'イツキ'),
	('悠真', 'ユウマ'), ('大和', 'ヤマト'), ('颯太', 'ソウタ'),
	('美穂', 'ミホ');

-- One row per application: every choice made once.
CREATE TEMP TABLE c (id INTEGER PRIMARY KEY, p, v, depth, o, staff,
	received_on, fy, seq, withdrawn_at, r5, r6, r7);
INSERT INTO c
SELECT id, p, v, CASE WHEN withdrawn THEN min(depth, 1) ELSE depth END,
	o, staff, received_on, fy,
	row_number() OVER (PARTITION BY p, fy ORDER BY id),
	CASE WHEN withdrawn THEN min(date(received_on, '+30 days'), @today)
		|| 'T07:30:00Z' END,
	r5, r6, r7
FROM (SELECT *, CAST(substr(received_on, 1, 4) AS INTEGER)
		- (substr(received_on, 6, 2) < '04') AS fy
	FROM (SELECT h.id,
		CASE WHEN r0 % 100 < 35 THEN 0 WHEN r0 % 100 < 60 THEN 1
		WHEN r0 % 100 < 75 THEN 2 ELSE 3 END AS p,
		r1 % 4 AS v,
		CASE WHEN r2 % 100 < 20 THEN 0 WHEN r2 % 100 < 52 THEN 1
		WHEN r2 % 100 < 74 THEN 2 WHEN r2 % 100 < 87 THEN 3
		WHEN r2 % 100 < 95 THEN 4 ELSE 5 END AS depth,
		f.o, f.first_staff + r4 % f.staff AS staff,
		date('2024-04-01', '+' || ((h.id - 1) * (CAST(julianday(@today)
			- julianday('2024-04-01') AS INTEGER) + 1) / @n)
			|| ' days') AS received_on,
		r6 % 50 = 1 AS withdrawn, r5, r6, r7
		FROM h JOIN office f ON f.o = CASE WHEN r3 % 100 < 40 THEN 0
			WHEN r3 % 100 < 65 THEN 1 WHEN r3 % 100 < 90 THEN 2
			ELSE 3 END))
ORDER BY id;

-- What each case answers (one column per answer that drives others).
CREATE TEMP TABLE a (id INTEGER PRIMARY KEY, p, v, o, received_on,
	family, given, joined, birth_date, moved_from, grant, household,
	children, moved_days, kigyo_stage, expenses, sole, corporate_number,
	successor, owner_birth, diagnosed_on, owner_age, kind, course,
	weekly_hours,
	r5, r6, r7);
INSERT INTO a
SELECT id, p, v, o, received_on, family, given, joined, birth_date,
	moved_from, grant, household, children, moved_days, kigyo_stage,
	expenses, sole,
	-- 法人番号: the check digit, then the twelve base digits b
	(9 - (substr(b, 12, 1) + 2 * substr(b, 11, 1) + substr(b, 10, 1)
	+ 2 * substr(b, 9, 1) + substr(b, 8, 1) + 2 * substr(b, 7, 1)
	+ substr(b, 6, 1) + 2 * substr(b, 5, 1) + substr(b, 4, 1)
	+ 2 * substr(b, 3, 1) + substr(b, 2, 1) + 2 * substr(b, 1, 1)) % 9)
	|| b,
	successor, owner_birth,
	diagnosed_on,
	-- the owner's age at diagnosis, else at reception
	CAST(substr(coalesce(diagnosed_on, received_on), 1, 4) AS INTEGER)
	- CAST(substr(owner_birth, 1, 4) AS INTEGER)
	- (substr(coalesce(diagnosed_on, received_on), 6)
		< substr(owner_birth, 6)),
	kind, course, weekly_hours, r5, r6, r7
FROM (SELECT c.id, c.p, c.v, c.o, c.received_on,
	1 + r5 % 50 AS family, 1 + r6 % 40 AS given, r7 % 3 = 0 AS joined,
	date('1950-01-01', '+' || (r5 / 7 % 20000) || ' days') AS birth_date,
	-- uij_turn
	-- moved from Tokyo (13) or another prefecture, never Aomori (02)
	CASE WHEN r7 / 3 % 100 < 45 OR r7 / 300 % 47 = 1 THEN '13' ELSE
		printf('%02d', 1 + r7 / 300 % 47) END AS moved_from,
	CASE WHEN c.p = 0 AND c.v >= 2 THEN 1 ELSE 0 END AS grant,
	r6 / 50 % 100 < 45 AS household,
	CASE WHEN r6 / 50 % 100 < 45 THEN r6 / 5000 % 4 ELSE 0 END
		AS children,
	100 + r5 / 11 % 200 AS moved_days,
	-- kigyo_shien
	CASE WHEN r7 % 100 < 30 THEN 'idea' WHEN r7 % 100 < 65 THEN
		'preparing' WHEN r7 % 100 < 90 THEN 'founded_within_1y'
		ELSE 'second_founding' END AS kigyo_stage,
	(1 + r6 / 50 % 60) * 100000 AS expenses,
	-- jigyo_shokei
	r7 / 100 % 10 < 4 AS sole,
	printf('%012d', 400000000000 + r7 * 97) AS b,
	CASE WHEN r5 / 13 % 10 < 3 THEN 'decided' WHEN r5 / 13 % 10 < 7
		THEN 'candidate' ELSE 'none' END AS successor,
	date('1940-01-01', '+' || (r6 / 7 % 12000) || ' days') AS owner_birth,
	CASE WHEN r5 % 4 = 0 THEN date(c.received_on, '-' || (30 + r6 % 300)
		|| ' days') END AS diagnosed_on,
	-- shogai_shuro
	r7 / 1000 % 5 AS kind,
	CASE c.v WHEN 1 THEN 'none' WHEN 2 THEN 'employed' ELSE
		CASE r6 / 50 % 3 WHEN 0 THEN 'knowledge' WHEN 1 THEN 'practical'
		ELSE 'special_school' END END AS course,
	CASE c.v WHEN 2 THEN 20 + r5 / 17 % 21 ELSE 0 END AS weekly_hours,
	r5, r6, r7
	FROM c)
ORDER BY id;

-- The form of each programme: its fields with an answer (the shared
-- person fields under their own name, the others as P:field).
CREATE TEMP TABLE form (p INTEGER, field TEXT, key TEXT,
	PRIMARY KEY (p, field)) WITHOUT ROWID;
INSERT INTO form SELECT p.p, f.value, f.value FROM programme p,
	json_each('["name","name_kana","birth_date","postal_code","address",'
		|| '"phone","email"]') f;
INSERT INTO form SELECT 0, value, '0:' || value FROM json_each(
	'["moved_from","moved_in_on","household","children_under_18",'
	|| '"grant_requested","tokyo23_years","tokyo23_last_year",'
	|| '"job_listed","job_open_ended","job_hours","job_started_on",'
	|| '"grant_amount"]');
INSERT INTO form SELECT 1, value, '1:' || value FROM json_each(
	'["stage","opening_on","legal_form","business_field",'
	|| '"eligible_expenses","relocated","requested_amount"]');
INSERT INTO form SELECT 2, value, '2:' || value FROM json_each(
	'["sole_proprietor","corporate_number","company_name",'
	|| '"company_kana","industry","employees","owner_birth_date",'
	|| '"successor_status","succession_type","stage","diagnosed_on",'
	|| '"owner_age","owner_60_plus"]');
INSERT INTO form SELECT 3, value, '3:' || value FROM json_each(
	'["disability_kinds","handbooks","physical_grade","ryoiku_grade",'
	|| '"mental_grade","course","weekly_hours","hours_band"]');

-- Answers in (application, field) order, the order of their key; a
-- NULL value is a question the case was not asked.
INSERT INTO answers (application_id, field, value)
SELECT id, field, value FROM (
SELECT a.id, f.field, CASE f.key
	WHEN 'name' THEN n.kanji || CASE WHEN a.joined THEN '' ELSE ' ' END
		|| g.kanji
	WHEN 'name_kana' THEN n.kana || CASE WHEN a.joined THEN '' ELSE
		char(12288) END || g.kana
	WHEN 'birth_date' THEN a.birth_date
	WHEN 'postal_code' THEN o.postal || printf('%04d', a.r5 / 3 % 10000)
	WHEN 'address' THEN o.city || '本町' || (1 + a.r6 % 30) || '-'
		|| (1 + a.r7 % 20)
	WHEN 'phone' THEN CASE WHEN a.r7 % 2 THEN '090' || printf('%08d',
		a.r5 % 100000000) ELSE o.phone || printf('%0*d',
		10 - length(o.phone), a.r6 % 1000000) END
	WHEN 'email' THEN CASE WHEN a.r6 % 10 < 3 THEN 'person' || a.id
		|| '@example.jp' END
	-- uij_turn
	WHEN '0:moved_from' THEN a.moved_from
	WHEN '0:moved_in_on' THEN date(a.received_on, '-' || a.moved_days
		|| ' days')
	WHEN '0:household' THEN CASE WHEN a.household THEN 'household'
		ELSE 'single' END
	WHEN '0:children_under_18' THEN a.children
	WHEN '0:grant_requested' THEN a.grant
	WHEN '0:tokyo23_years' THEN CASE WHEN a.grant THEN 5 + a.r7 % 6 END
	WHEN '0:tokyo23_last_year' THEN CASE WHEN a.grant THEN 1 END
	WHEN '0:job_listed' THEN CASE WHEN a.grant THEN 1 END
	WHEN '0:job_open_ended' THEN CASE WHEN a.grant THEN 1 END
	WHEN '0:job_hours' THEN CASE WHEN a.grant THEN 30 + a.r6 % 11 END
	WHEN '0:job_started_on' THEN CASE WHEN a.grant THEN date(
		a.received_on, '-' || (a.moved_days - a.r5 % 10) || ' days')
		END
	WHEN '0:grant_amount' THEN a.grant * (CASE WHEN a.household
		THEN 1000000 ELSE 600000 END + a.children * 1000000)
	-- kigyo_shien
	WHEN '1:stage' THEN a.kigyo_stage
	WHEN '1:opening_on' THEN CASE a.kigyo_stage
		WHEN 'founded_within_1y' THEN date(a.received_on, '-'
			|| (a.r6 % 330) || ' days')
		WHEN 'idea' THEN NULL
		ELSE date(a.received_on, '+' || (30 + a.r6 % 270) || ' days')
		END
	WHEN '1:legal_form' THEN CASE WHEN a.r5 % 20 < 10 THEN 'sole'
		WHEN a.r5 % 20 < 15 THEN 'kabushiki' WHEN a.r5 % 20 < 18
		THEN 'godo' WHEN a.r5 % 20 < 19 THEN 'npo' ELSE 'other' END
	WHEN '1:business_field' THEN json_extract('["飲食",'
		|| '"地域食材の加工販売",'
		|| '"IT サービス","農業","観光","小売","介護","デザイン"]',
		'$[' || (a.r7 % 8) || ']')
	WHEN '1:eligible_expenses' THEN a.expenses
	WHEN '1:relocated' THEN a.r7 % 10 < 3
	WHEN '1:requested_amount' THEN min(a.expenses / 2, 2000000)
	-- jigyo_shokei
	WHEN '2:sole_proprietor' THEN a.sole
	WHEN '2:corporate_number' THEN CASE WHEN NOT a.sole THEN
		a.corporate_number END
	WHEN '2:company_name' THEN n.kanji || json_extract('["商店",'
		|| '"製作所","建設","工業","食品","運輸"]', '$['
		|| (a.r7 % 6) || ']')
	WHEN '2:company_kana' THEN n.kana || json_extract('["ショウテン",'
		|| '"セイサクショ","ケンセツ","コウギョウ","ショクヒン",'
		|| '"ウンユ"]', '$[' || (a.r7 % 6) || ']')
	WHEN '2:industry' THEN substr('EEEEDDDIIIIMMNNPRGHKLABC',
		1 + a.r6 % 24, 1)
	WHEN '2:employees' THEN a.r5 % 60
	WHEN '2:owner_birth_date' THEN a.owner_birth
	WHEN '2:successor_status' THEN a.successor
	WHEN '2:succession_type' THEN CASE a.successor
		WHEN 'none' THEN 'undecided' ELSE json_extract('["family",'
		|| '"employee","third_party","keigyo"]', '$['
		|| (a.r6 % 4) || ']') END
	WHEN '2:stage' THEN json_extract('["pre","transfer","post"]',
		'$[' || (a.r7 % 3) || ']')
	WHEN '2:diagnosed_on' THEN a.diagnosed_on
	WHEN '2:owner_age' THEN a.owner_age
	WHEN '2:owner_60_plus' THEN a.owner_age >= 60
	-- shogai_shuro
	WHEN '3:disability_kinds' THEN json_extract('["physical",'
		|| '"intellectual","mental","developmental",'
		|| '"intellectual,developmental"]', '$[' || a.kind || ']')
	WHEN '3:handbooks' THEN json_extract('["physical","ryoiku",'
		|| '"mental","none","ryoiku"]', '$[' || a.kind || ']')
	WHEN '3:physical_grade' THEN CASE a.kind WHEN 0 THEN 1 + a.r5 % 6
		END
	WHEN '3:ryoiku_grade' THEN CASE WHEN a.kind IN (1, 4) THEN
		json_extract('["a1","a2","b1","b2"]', '$[' || (a.r5 % 4)
		|| ']') END
	WHEN '3:mental_grade' THEN CASE a.kind WHEN 2 THEN 1 + a.r5 % 3 END
	WHEN '3:course' THEN a.course
	WHEN '3:weekly_hours' THEN a.weekly_hours
	WHEN '3:hours_band' THEN CASE WHEN a.weekly_hours >= 30 THEN 'full'
		WHEN a.weekly_hours >= 20 THEN 'short' WHEN a.weekly_hours > 0
		THEN 'under' ELSE 'none' END
	END AS value
FROM a JOIN office o ON o.o = a.o
JOIN family n ON n.i = a.family JOIN given g ON g.i = a.given
JOIN form f ON f.p = a.p
ORDER BY a.id, f.field)
WHERE value IS NOT NULL;

-- The outcomes each kind of case goes through, as far as its depth:
-- day is days after received_on (each step also a few days later per
-- case); amount names the answer an amount is taken from.
CREATE TEMP TABLE path (p INTEGER, v INTEGER, step INTEGER, code TEXT,
	day INTEGER, amount TEXT, PRIMARY KEY (p, v, step));
INSERT INTO path VALUES
	(0, 0, 1, 'consulted', 0, NULL), (0, 0, 2, 'referred', 14, NULL),
	(0, 0, 3, 'employed', 60, NULL), (0, 0, 4, 'moved_in', 90, NULL),
	(0, 1, 1, 'consulted', 0, NULL), (0, 1, 2, 'consulted', 21, NULL),
	(0, 1, 3, 'referred', 35, NULL), (0, 1, 4, 'employed', 75, NULL),
	(0, 1, 5, 'consulted', 120, NULL),
	(0, 2, 1, 'grant_applied', 0, NULL),
	(0, 2, 2, 'grant_decided', 30, 'grant_amount'),
	(0, 2, 3, 'grant_paid', 60, 'grant_amount'),
	(0, 2, 4, 'consulted', 90, NULL),
	(0, 3, 1, 'consulted', 0, NULL), (0, 3, 2, 'grant_applied', 7, NULL),
	(0, 3, 3, 'grant_decided', 40, 'grant_amount'),
	(0, 3, 4, 'grant_paid', 75, 'grant_amount'),
	(0, 3, 5, 'grant_repaid', 400, NULL),
	(1, 0, 1, 'consulted', 0, NULL), (1, 0, 2, 'consulted', 30, NULL),
	(1, 0, 3, 'applied', 60, NULL), (1, 0, 4, 'adopted', 100, NULL),
	(1, 0, 5, 'grant_decided', 120, 'requested_amount'),
	(1, 1, 1, 'consulted', 0, NULL), (1, 1, 2, 'applied', 20, NULL),
	(1, 1, 3, 'rejected', 70, NULL), (1, 1, 4, 'consulted', 100, NULL),
	(1, 2, 1, 'consulted', 0, NULL), (1, 2, 2, 'founded', 60, NULL),
	(1, 2, 3, 'reported', 150, NULL),
	(1, 2, 4, 'continued_1y', 430, NULL),
	(1, 3, 1, 'applied', 0, NULL), (1, 3, 2, 'adopted', 45, NULL),
	(1, 3, 3, 'grant_decided', 60, 'requested_amount'),
	(1, 3, 4, 'founded', 90, NULL), (1, 3, 5, 'continued_1y', 470, NULL),
	(2, 0, 1, 'diagnosed', 0, NULL), (2, 0, 2, 'planned', 60, NULL),
	(2, 0, 3, 'matched', 180, NULL), (2, 0, 4, 'succeeded', 300, NULL),
	(2, 1, 1, 'diagnosed', 0, NULL), (2, 1, 2, 'matched', 120, NULL),
	(2, 1, 3, 'succeeded', 240, NULL),
	(2, 2, 1, 'diagnosed', 0, NULL), (2, 2, 2, 'planned', 45, NULL),
	(2, 2, 3, 'closed', 200, NULL),
	(2, 3, 1, 'matched', 0, NULL), (2, 3, 2, 'diagnosed', 30, NULL),
	(2, 3, 3, 'planned', 90, NULL), (2, 3, 4, 'succeeded', 200, NULL),
	(3, 0, 1, 'applied', 0, NULL), (3, 0, 2, 'enrolled', 30, NULL),
	(3, 0, 3, 'completed', 210, NULL), (3, 0, 4, 'employed', 240, NULL),
	(3, 0, 5, 'retained_6m', 430, NULL),
	(3, 1, 1, 'employed', 10, NULL), (3, 1, 2, 'retained_6m', 200, NULL),
	(3, 2, 1, 'applied', 0, NULL), (3, 2, 2, 'enrolled', 30, NULL),
	(3, 2, 3, 'completed', 120, NULL),
	(3, 2, 4, 'employment_continued', 200, NULL),
	(3, 3, 1, 'applied', 0, NULL), (3, 3, 2, 'enrolled', 20, NULL),
	(3, 3, 3, 'employed', 150, NULL),
	(3, 3, 4, 'retained_6m', 340, NULL);

-- Each case's outcomes up to @today; step 0 is a first outcome entered
-- by mistake and voided the same day, before it was entered again.
CREATE TEMP TABLE o AS
SELECT c.id AS application_id, s.step, s.code,
	date(c.received_on, '+' || (s.day + s.step * (c.r5 % 8)) || ' days')
		AS occurred_on,
	CASE s.amount WHEN 'grant_amount' THEN (SELECT CAST(value AS INTEGER)
		FROM answers WHERE application_id = c.id
		AND field = 'grant_amount')
	WHEN 'requested_amount' THEN (SELECT CAST(value AS INTEGER)
		FROM answers WHERE application_id = c.id
		AND field = 'requested_amount') END AS amount,
	c.staff, c.r6
FROM c JOIN path s ON s.p = c.p AND s.v = c.v AND s.step <= c.depth
WHERE occurred_on <= @today;
INSERT INTO o SELECT application_id, 0, code, occurred_on, amount, staff, r6
FROM o WHERE step = 1 AND r6 / 50 % 100 = 7;
CREATE INDEX o_case ON o (application_id, step);

INSERT INTO applications (id, receipt, programme, plugin_version,
	form_version, received_on, office, staff, status, created_at,
	updated_at, withdrawn_at)
SELECT c.id, p.prefix || '-' || c.fy || '-' || printf('%06d', c.seq),
	p.id, '1.0.0', 1, c.received_on, f.name, s.name,
	CASE WHEN c.withdrawn_at IS NOT NULL THEN 'withdrawn'
		ELSE coalesce(last.code, 'received') END,
	c.received_on || printf('T%02d:%02d:00Z', c.r7 % 9, c.r6 % 60),
	coalesce(c.withdrawn_at, last.occurred_on || 'T08:00:00Z',
		c.received_on || printf('T%02d:%02d:00Z', c.r7 % 9, c.r6 % 60)),
	c.withdrawn_at
FROM c JOIN programme p ON p.p = c.p JOIN office f ON f.o = c.o
JOIN staff s ON s.s = c.staff
LEFT JOIN o last ON last.application_id = c.id AND last.step = (SELECT
	max(step) FROM o WHERE o.application_id = c.id)
ORDER BY c.id;

-- In the order they were recorded: by date, as staff enter them.
INSERT INTO outcomes (application_id, programme, code, occurred_on, staff,
	note, recorded_at, voided_at, voided_by, void_reason, amount)
SELECT o.application_id, p.id, o.code, o.occurred_on, s.name,
	CASE WHEN o.r6 % 20 = 3 AND o.step = 1 THEN '電話で確認' END,
	o.occurred_on || printf('T%02d:%02d:00Z', o.step % 9, o.r6 % 60),
	CASE WHEN o.step = 0 THEN o.occurred_on || 'T07:00:00Z' END,
	CASE WHEN o.step = 0 THEN s.name END,
	CASE WHEN o.step = 0 THEN '入力誤り (別の受付の結果)' END,
	o.amount
FROM o JOIN staff s ON s.s = o.staff JOIN c ON c.id = o.application_id
JOIN programme p ON p.p = c.p
ORDER BY o.occurred_on, o.application_id, o.step;

-- Search keys as find_name_keys makes them: the whole name without
-- spaces, and the given name when it stands apart.
INSERT INTO search_keys (kind, key, application_id)
SELECT kind, key, id FROM (
	SELECT 'name' AS kind, n.kanji || g.kanji AS key, a.id FROM a
	JOIN family n ON n.i = a.family JOIN given g ON g.i = a.given
	UNION ALL
	SELECT 'kana', n.kana || g.kana, a.id FROM a
	JOIN family n ON n.i = a.family JOIN given g ON g.i = a.given
	UNION ALL
	SELECT 'name', g.kanji, a.id FROM a JOIN given g ON g.i = a.given
	WHERE NOT a.joined
	UNION ALL
	SELECT 'kana', g.kana, a.id FROM a JOIN given g ON g.i = a.given
	WHERE NOT a.joined)
ORDER BY kind, key, id;

INSERT INTO receipt_sequences (programme, fiscal_year, last)
SELECT p.id, c.fy, max(c.seq) FROM c JOIN programme p ON p.p = c.p
GROUP BY p.id, c.fy;

-- Every column of outcome_counts, as migration 10 fills it (store.c):
-- count (延べ), people (実 in the month), first_people (the first
-- outcome of the code in its fiscal year), amount and amounts.
INSERT INTO outcome_counts (programme, month, code, count, people,
	first_people, amount, amounts)
WITH live AS (SELECT programme, application_id AS app, code,
	occurred_on, amount, CAST(substr(occurred_on, 1, 4) AS INTEGER)
	- (substr(occurred_on, 6, 2) < '04') AS fy
	FROM outcomes WHERE voided_at IS NULL),
firsts AS (SELECT programme, code, month, COUNT(*) AS n FROM
	(SELECT programme, code, substr(min(occurred_on), 1, 7) AS month
	FROM live GROUP BY programme, app, code, fy)
	GROUP BY programme, code, month),
events AS (SELECT programme, substr(occurred_on, 1, 7) AS month,
	code, COUNT(*) AS count, COUNT(DISTINCT app) AS people,
	COALESCE(SUM(amount), 0) AS amount, COUNT(amount) AS amounts
	FROM live GROUP BY 1, 2, 3)
SELECT e.programme, e.month, e.code, e.count, e.people,
	COALESCE(f.n, 0), e.amount, e.amounts
FROM events e LEFT JOIN firsts f ON f.programme = e.programme
	AND f.month = e.month AND f.code = e.code;

COMMIT;
