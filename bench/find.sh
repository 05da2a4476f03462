#!/bin/sh
# Benchmark: intake find over a large database, each lookup against the
# same query in the sqlite3 shell.  Usage:
#   sh bench/find.sh BUILD_DIR [APPLICATIONS] [RUNS]
# Builds APPLICATIONS (100000) cases as a schema-3 database in SQL, lets
# intake migrate it (its own folding writes the search keys), then runs
# each lookup RUNS (7) times, one process each, and prints the medians
# in ms, process start included, and intake's time over sqlite3's.
set -eu
build=$(cd "${1:-build}" && pwd)
n=${2:-100000}
runs=${3:-7}
source=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
cat >intake.ini <<INI
[intake]
database = bench.db
plugin_dir = $build/plugins
form_dir = $source/forms
language = en
INI
export INTAKE_CONFIG="$work/intake.ini" INTAKE_TODAY=2026-06-15
intake() { "$build/intake" "$@"; }
now_us() { echo $(($(date +%s%N) / 1000)); }

intake init >/dev/null
# Applications of four programmes over three fiscal years, 47 family
# names times 41 given names, as schema 3 had them (no search keys).
sqlite3 bench.db <<SQL
DROP TABLE search_keys;
DROP INDEX applications_sequence; DROP INDEX applications_received;
DROP INDEX applications_status; DROP INDEX applications_office;
DROP INDEX applications_staff;
PRAGMA user_version = 3;
BEGIN;
CREATE TEMP TABLE family (i INTEGER PRIMARY KEY, kanji TEXT, kana TEXT);
-- rowids count from 1: application n has family n % 47 + 1
CREATE TEMP TABLE given (i INTEGER PRIMARY KEY, kanji TEXT, kana TEXT);
INSERT INTO family (kanji, kana) VALUES
	('青森', 'アオモリ'), ('弘前', 'ヒロサキ'), ('八戸', 'ハチノヘ'),
	('黒石', 'クロイシ'), ('五所川原', 'ゴショガワラ'),
	('十和田', 'トワダ'), ('三沢', 'ミサワ'), ('むつ', 'ムツ'),
	('平川', 'ヒラカワ'), ('佐藤', 'サトウ'), ('鈴木', 'スズキ'),
	('高橋', 'タカハシ'), ('田中', 'タナカ'), ('伊藤', 'イトウ'),
	('渡辺', 'ワタナベ'), ('山本', 'ヤマモト'), ('中村', 'ナカムラ'),
	('小林', 'コバヤシ'), ('加藤', 'カトウ'), ('吉田', 'ヨシダ'),
	('山田', 'ヤマダ'), ('佐々木', 'ササキ'), ('山口', 'ヤマグチ'),
	('松本', 'マツモト'), ('井上', 'イノウエ'), ('木村', 'キムラ'),
	('林', 'ハヤシ'), ('斎藤', 'サイトウ'), ('清水', 'シミズ'),
	('山崎', 'ヤマザキ'), ('森', 'モリ'), ('池田', 'イケダ'),
	('橋本', 'ハシモト'), ('阿部', 'アベ'), ('石川', 'イシカワ'),
	('山下', 'ヤマシタ'), ('中島', 'ナカジマ'), ('石井', 'イシイ'),
	('小川', 'オガワ'), ('前田', 'マエダ'), ('岡田', 'オカダ'),
	('長谷川', 'ハセガワ'), ('藤田', 'フジタ'), ('後藤', 'ゴトウ'),
	('近藤', 'コンドウ'), ('村上', 'ムラカミ'), ('工藤', 'クドウ');
INSERT INTO given (kanji, kana) VALUES
	('太郎', 'タロウ'), ('花子', 'ハナコ'), ('一郎', 'イチロウ'),
	('次郎', 'ジロウ'), ('健', 'ケン'), ('誠', 'マコト'),
	('翔', 'ショウ'), ('大輔', 'ダイスケ'), ('拓也', 'タクヤ'),
	('直樹', 'ナオキ'), ('陽子', 'ヨウコ'), ('恵', 'メグミ'),
	('美咲', 'ミサキ'), ('彩', 'アヤ'), ('愛', 'アイ'),
	('優子', 'ユウコ'), ('真由美', 'マユミ'), ('智子', 'トモコ'),
	('裕子', 'ユウコ'), ('久美子', 'クミコ'), ('浩', 'ヒロシ'),
	('学', 'マナブ'), ('亮', 'リョウ'), ('剛', 'ツヨシ'),
	('聡', 'サトシ'), ('修', 'オサム'), ('明', 'アキラ'),
	('進', 'ススム'), ('茂', 'シゲル'), ('勇', 'イサム'),
	('さくら', 'サクラ'), ('ひなた', 'ヒナタ'), ('結衣', 'ユイ'),
	('陽菜', 'ヒナ'), ('葵', 'アオイ'), ('蓮', 'レン'), ('湊', 'ミナト'),
	('樹', 'イツキ'), ('悠真', 'ユウマ'), ('大和', 'ヤマト'),
	('颯太', 'ソウタ');
CREATE TEMP TABLE programme (i INTEGER PRIMARY KEY, id TEXT, prefix TEXT);
INSERT INTO programme VALUES (0, 'uij_turn', 'UIJ'),
	(1, 'kigyo_shien', 'KGY'), (2, 'jigyo_shokei', 'JGS'),
	(3, 'shogai_shuro', 'SGS');
WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < $n),
c AS (SELECT n, n % 4 AS p, 2024 + (n / 4) % 3 AS fy, n / 12 + 1 AS seq
	FROM k)
INSERT INTO applications (id, receipt, programme, plugin_version,
	form_version, received_on, office, staff, status, created_at,
	updated_at)
SELECT n, g.prefix || '-' || fy || '-' || printf('%06d', seq), g.id, '1.0',
	1, date(fy || '-04-01', '+' || (seq % 365) || ' days'),
	CASE n % 3 WHEN 0 THEN '本庁' WHEN 1 THEN '弘前' ELSE '八戸' END,
	'staff' || (n % 20), 'received', '2026-01-01T00:00:00Z',
	'2026-01-01T00:00:00Z'
FROM c JOIN programme g ON g.i = p;
INSERT INTO answers (application_id, field, value)
SELECT a.id, 'name', f.kanji || ' ' || g.kanji
FROM applications a JOIN family f ON f.i = a.id % 47 + 1
JOIN given g ON g.i = (a.id / 47) % 41 + 1;
INSERT INTO answers (application_id, field, value)
SELECT a.id, 'name_kana', f.kana || char(12288) || g.kana
FROM applications a JOIN family f ON f.i = a.id % 47 + 1
JOIN given g ON g.i = (a.id / 47) % 41 + 1;
INSERT INTO answers (application_id, field, value)
SELECT id, 'birth_date', date('1950-01-01', '+' || (id * 7 % 20000) || ' days')
FROM applications;
INSERT INTO answers (application_id, field, value)
SELECT id, 'phone', '017' || printf('%07d', id) FROM applications;
INSERT INTO answers (application_id, field, value)
SELECT id, 'postal_code', '0300801' FROM applications;
INSERT INTO answers (application_id, field, value)
SELECT id, 'address', '青森市新町' || id FROM applications;
INSERT INTO outcomes (application_id, code, occurred_on, staff, recorded_at)
SELECT id, 'consulted', date(received_on, '+10 days'), staff, created_at
FROM applications WHERE id % 3 = 0;
UPDATE applications SET status = 'consulted' WHERE id % 3 = 0;
-- one person to find alone
UPDATE answers SET value = '津軽 為信' WHERE application_id = 4242
	AND field = 'name';
UPDATE answers SET value = 'ツガル' || char(12288) || 'タメノブ'
	WHERE application_id = 4242 AND field = 'name_kana';
COMMIT;
SQL

start=$(now_us)
intake list --receipt UIJ-2024-000001 >/dev/null
echo "migration to schema 4 (search keys of $n applications):" \
	"$((($(now_us) - start) / 1000)) ms"
same=$(sqlite3 bench.db "SELECT COUNT(*) FROM search_keys")
echo "search keys: $same"

# median_ms COMMAND…: the median wall time of RUNS runs, in ms.
median_ms() {
	: >times
	i=0
	while [ $i -lt "$runs" ]; do
		start=$(now_us)
		"$@" >/dev/null 2>&1 || true
		echo $(($(now_us) - start)) >>times
		i=$((i + 1))
	done
	sort -n times | awk '{ t[NR] = $1 } END {
		printf "%.1f", t[int((NR + 1) / 2)] / 1000 }'
}

# The columns intake find shows, as store_find selects them.
columns="a.receipt, a.programme, a.status, a.received_on,
 (SELECT value FROM answers WHERE application_id = a.id AND field = 'name'),
 (SELECT value FROM answers WHERE application_id = a.id
  AND field = 'name_kana'),
 (SELECT occurred_on FROM outcomes WHERE application_id = a.id
  ORDER BY occurred_on DESC, id DESC LIMIT 1)"
newest="ORDER BY a.received_on DESC, a.id DESC LIMIT 51"
keys="a.id IN (SELECT application_id FROM search_keys
 WHERE kind IN ('name', 'kana')"

# lookup WHAT 'INTAKE ARGS' 'SQL WHERE': one line of the table.
lookup() {
	ms=$(eval "median_ms intake find $2 --format csv")
	ref=$(median_ms sqlite3 -readonly bench.db \
		"SELECT $columns FROM applications a WHERE $3 $newest")
	rows=$(eval "intake find $2 --format csv" 2>/dev/null | tail -n +2 |
		wc -l)
	printf '%-26s %6d %8s ms %8s ms %6s %s\n' "$1" "$rows" "$ms" "$ref" \
		"$(echo "$ms $ref" | awk '{ printf "%.2f", $1 / $2 }')" \
		"$(echo "$ms" | awk '{ print ($1 < 50) ? "ok" : "SLOW" }')"
}

printf '%-26s %6s %11s %11s %6s\n' "lookup ($n cases)" rows intake \
	sqlite3 ratio
lookup "receipt" "UIJ-2025-000012" "a.receipt = 'UIJ-2025-000012'"
lookup "receipt tail (12 cases)" "12" "substr(a.receipt, -6) = '000012'"
lookup "kana prefix, one" "ﾂｶﾞﾙ" "$keys AND key >= 'ツガル'
 AND key < 'ツガル' || char(1114111))"
lookup "kana prefix, ~2100" "あおもり" "$keys AND key >= 'アオモリ'
 AND key < 'アオモリ' || char(1114111))"
lookup "name prefix, ~50" "'青森 太'" "$keys AND key >= '青森太'
 AND key < '青森太' || char(1114111))"
lookup "birth date (wareki)" "平成2年4月1日" "a.id IN (SELECT application_id
 FROM answers WHERE field = 'birth_date' AND value = '1990-04-01')"
lookup "phone" "'(017)000-4242'" "a.id IN (SELECT application_id
 FROM answers WHERE field = 'phone' AND value = '0170004242')"
lookup "programme + status" "--programme kigyo_shien --status consulted" \
	"a.programme = 'kigyo_shien' AND a.status = 'consulted'"
lookup "staff + from/to" "--staff staff7 --from 2025-05-01 --to 2025-05-31" \
	"a.staff = 'staff7' AND a.received_on >= '2025-05-01'
 AND a.received_on <= '2025-05-31'"
lookup "--today" "--today" "a.received_on = '2026-06-15'"
lookup "no match" "ﾅｲﾅｲ" "$keys AND key >= 'ナイナイ'
 AND key < 'ナイナイ' || char(1114111))"
