/* SPDX-License-Identifier: MIT */
/* The RFC 4180 reader: quoting, line breaks, BOM, positions and problems. */

#include <circa.h>
#include <string.h>

/* Reads every record of @text into "a|b|c" lines, one per record, "!" marking a problem. */
static char *read_all(const char *text, gsize length, char delimiter)
{
    g_autoptr(CircaCsvReader) reader = circa_csv_reader_new(text, length, delimiter);
    GString *out = g_string_new(NULL);
    const CircaCsvField *fields;
    guint n_fields;
    CircaCsvProblem problem;
    CircaCsvResult result;
    while ((result = circa_csv_reader_next(reader, &fields, &n_fields, &problem)) !=
           CIRCA_CSV_END) {
        for (guint i = 0; i < n_fields; i++) {
            g_string_append_printf(out, "%s%s", i ? "|" : "", fields[i].text);
        }
        if (result == CIRCA_CSV_PROBLEM) {
            g_string_append_printf(out, "!%u:%u", problem.line, problem.column);
        }
        g_string_append_c(out, '\n');
    }
    return g_string_free(out, FALSE);
}

static CircaCsvReader *reader_for(const char *text, char delimiter)
{
    return circa_csv_reader_new(text, strlen(text), delimiter);
}

/* Reads the next record, which must be well-formed with @n fields. */
static const CircaCsvField *expect_record(CircaCsvReader *reader, guint n)
{
    const CircaCsvField *fields = NULL;
    guint n_fields = 0;
    CircaCsvProblem problem = {0};
    CircaCsvResult result = circa_csv_reader_next(reader, &fields, &n_fields, &problem);
    if (result == CIRCA_CSV_PROBLEM) {
        g_test_message("unexpected problem at %u:%u: %s", problem.line, problem.column,
                       problem.message);
    }
    g_assert_cmpint(result, ==, CIRCA_CSV_RECORD);
    g_assert_cmpuint(n_fields, ==, n);
    g_assert_nonnull(fields);
    return fields;
}

/* Reads the next record, which must carry a problem; its fields go to *@fields, *@n_fields. */
static CircaCsvProblem expect_problem(CircaCsvReader *reader, const CircaCsvField **fields,
                                      guint *n_fields)
{
    const CircaCsvField *dummy_fields;
    guint dummy_n;
    CircaCsvProblem problem = {0};
    CircaCsvResult result = circa_csv_reader_next(reader, fields ? fields : &dummy_fields,
                                                  n_fields ? n_fields : &dummy_n, &problem);
    g_assert_cmpint(result, ==, CIRCA_CSV_PROBLEM);
    g_assert_nonnull(problem.message);
    g_assert_cmpuint(strlen(problem.message), >, 0);
    return problem;
}

static void expect_end(CircaCsvReader *reader)
{
    const CircaCsvField *fields;
    guint n_fields = 99;
    CircaCsvProblem problem;
    g_assert_cmpint(circa_csv_reader_next(reader, &fields, &n_fields, &problem), ==, CIRCA_CSV_END);
    g_assert_cmpuint(n_fields, ==, 0);
}

/* The field holds exactly @text (NUL-terminated, length in bytes) and starts at @line:@column. */
static void expect_field(const CircaCsvField *field, const char *text, guint32 line, guint32 column)
{
    g_assert_cmpmem(field->text, field->length, text, strlen(text));
    g_assert_cmpuint(strlen(field->text), ==, field->length);
    g_assert_cmpuint(field->line, ==, line);
    g_assert_cmpuint(field->column, ==, column);
}

/* ---- quoting ---- */

static void test_plain(void)
{
    g_autofree char *out = read_all("a,b,c\n1,2,3\n", 12, ',');
    g_assert_cmpstr(out, ==, "a|b|c\n1|2|3\n");
}

static void test_quoted(void)
{
    const char *text = "\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n";
    g_autofree char *out = read_all(text, strlen(text), ',');
    g_assert_cmpstr(out, ==, "x,y|say \"hi\"|two\nlines\n");
}

/* Plain fields are taken byte for byte, spaces included, and are not marked quoted.
 *   bytes: a b c , SP x SP , 1 2 3 LF */
static void test_plain_fields(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("abc, x ,123\n", ',');
    const CircaCsvField *f = expect_record(reader, 3);
    expect_field(&f[0], "abc", 1, 1);
    expect_field(&f[1], " x ", 1, 5);
    expect_field(&f[2], "123", 1, 9);
    for (guint i = 0; i < 3; i++) {
        g_assert_false(f[i].quoted);
    }
    expect_end(reader);
}

/* bytes: " a , b " , c LF  — the comma inside quotes is data. */
static void test_quoted_delimiter(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("\"a,b\",c\n", ',');
    const CircaCsvField *f = expect_record(reader, 2);
    expect_field(&f[0], "a,b", 1, 1);
    g_assert_true(f[0].quoted);
    expect_field(&f[1], "c", 1, 7);
    g_assert_false(f[1].quoted);
    expect_end(reader);
}

/* Doubled quotes inside a quoted field are one literal quote each.
 *   bytes: " " " " , " a " " b " , " " " " " " " " LF
 *   values: `"`, `a"b`, `"""` */
static void test_doubled_quotes(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("\"\"\"\",\"a\"\"b\",\"\"\"\"\"\"\"\"\n", ',');
    const CircaCsvField *f = expect_record(reader, 3);
    expect_field(&f[0], "\"", 1, 1);
    expect_field(&f[1], "a\"b", 1, 6);
    expect_field(&f[2], "\"\"\"", 1, 13);
    expect_end(reader);
}

/* An LF inside quotes is data; the next field starts on the second physical line.
 *   bytes: " o n e LF t w o " , x LF */
static void test_embedded_lf(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("\"one\ntwo\",x\ny\n", ',');
    const CircaCsvField *f = expect_record(reader, 2);
    expect_field(&f[0], "one\ntwo", 1, 1);
    expect_field(&f[1], "x", 2, 6);
    g_assert_cmpuint(circa_csv_reader_record_line(reader), ==, 1);
    f = expect_record(reader, 1);
    expect_field(&f[0], "y", 3, 1);
    g_assert_cmpuint(circa_csv_reader_record_line(reader), ==, 3);
    expect_end(reader);
}

/* A CRLF inside quotes is kept as both bytes; so is a lone CR.
 *   bytes: " o n e CR LF t w o " , " a CR b " CR LF */
static void test_embedded_crlf(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("\"one\r\ntwo\",\"a\rb\"\r\nz\r\n", ',');
    const CircaCsvField *f = expect_record(reader, 2);
    expect_field(&f[0], "one\r\ntwo", 1, 1);
    g_assert_cmpuint(f[0].length, ==, 8);
    expect_field(&f[1], "a\rb", 2, 6);
    f = expect_record(reader, 1);
    expect_field(&f[0], "z", 4, 1); /* the CR inside the second field was line 3's break */
    expect_end(reader);
}

/* ---- record ends ---- */

/* bytes: a , b CR LF c , d CR LF — no CR leaks into the last field. */
static void test_crlf(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("a,b\r\nc,d\r\n", ',');
    const CircaCsvField *f = expect_record(reader, 2);
    expect_field(&f[0], "a", 1, 1);
    expect_field(&f[1], "b", 1, 3);
    f = expect_record(reader, 2);
    expect_field(&f[0], "c", 2, 1);
    expect_field(&f[1], "d", 2, 3);
    expect_end(reader);
}

static void test_lf(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("a,b\nc,d\n", ',');
    const CircaCsvField *f = expect_record(reader, 2);
    expect_field(&f[1], "b", 1, 3);
    f = expect_record(reader, 2);
    expect_field(&f[0], "c", 2, 1);
    expect_field(&f[1], "d", 2, 3);
    expect_end(reader);
}

/* Old Mac line ends. bytes: a , b CR c , d CR */
static void test_lone_cr(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("a,b\rc,d\r", ',');
    const CircaCsvField *f = expect_record(reader, 2);
    expect_field(&f[1], "b", 1, 3);
    f = expect_record(reader, 2);
    expect_field(&f[0], "c", 2, 1);
    expect_field(&f[1], "d", 2, 3);
    expect_end(reader);
}

/* bytes: a CR LF b LF c CR d — every kind of break in one file, counted once each. */
static void test_mixed_line_ends(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("a\r\nb\nc\rd", ',');
    const char *expected[] = {"a", "b", "c", "d"};
    for (guint i = 0; i < G_N_ELEMENTS(expected); i++) {
        const CircaCsvField *f = expect_record(reader, 1);
        expect_field(&f[0], expected[i], i + 1, 1);
        g_assert_cmpuint(circa_csv_reader_record_line(reader), ==, i + 1);
    }
    expect_end(reader);
}

/* The last record needs no line break, quoted or not. */
static void test_no_final_newline(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("a,b\nc,d", ',');
    expect_record(reader, 2);
    const CircaCsvField *f = expect_record(reader, 2);
    expect_field(&f[1], "d", 2, 3);
    expect_end(reader);

    g_autoptr(CircaCsvReader) quoted = reader_for("x,\"y,z\"", ',');
    f = expect_record(quoted, 2);
    expect_field(&f[1], "y,z", 1, 3);
    g_assert_true(f[1].quoted);
    expect_end(quoted);
}

/* A delimiter always opens one more field.
 *   bytes: a , b , LF c , CR LF d ,          (the last record ends at EOF) */
static void test_trailing_delimiter(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("a,b,\nc,\r\nd,", ',');
    const CircaCsvField *f = expect_record(reader, 3);
    expect_field(&f[2], "", 1, 5);
    f = expect_record(reader, 2);
    expect_field(&f[1], "", 2, 3);
    f = expect_record(reader, 2);
    expect_field(&f[0], "d", 3, 1);
    expect_field(&f[1], "", 3, 3);
    expect_end(reader);
}

/* bytes: a , , c LF " " LF , , LF " " , " " LF */
static void test_empty_fields(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("a,,c\n\"\"\n,,\n\"\",\"\"\n", ',');
    const CircaCsvField *f = expect_record(reader, 3);
    expect_field(&f[1], "", 1, 3);
    g_assert_false(f[1].quoted);
    expect_field(&f[2], "c", 1, 4);

    f = expect_record(reader, 1); /* "" is a record of one empty field, not a blank line */
    expect_field(&f[0], "", 2, 1);
    g_assert_true(f[0].quoted);

    f = expect_record(reader, 3);
    expect_field(&f[0], "", 3, 1);
    expect_field(&f[1], "", 3, 2);
    expect_field(&f[2], "", 3, 3);

    f = expect_record(reader, 2);
    expect_field(&f[0], "", 4, 1);
    expect_field(&f[1], "", 4, 4);
    g_assert_true(f[1].quoted);
    expect_end(reader);
}

/* ---- encoding and layout ---- */

/* A UTF-8 BOM is not part of the first field and takes no column.
 *   bytes: EF BB BF i d , n a m e LF 1 , x LF */
static void test_bom(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("\xEF\xBB\xBFid,name\n1,x\n", ',');
    const CircaCsvField *f = expect_record(reader, 2);
    expect_field(&f[0], "id", 1, 1);
    expect_field(&f[1], "name", 1, 4);
    f = expect_record(reader, 2);
    expect_field(&f[0], "1", 2, 1);
    expect_end(reader);

    /* A BOM before a quoted first field: the quote is still at column 1. */
    g_autoptr(CircaCsvReader) quoted = reader_for("\xEF\xBB\xBF\"a\",b", ',');
    f = expect_record(quoted, 2);
    expect_field(&f[0], "a", 1, 1);
    g_assert_true(f[0].quoted);
    expect_field(&f[1], "b", 1, 5);
    expect_end(quoted);
}

/* bytes: EF BB BF — a file holding only a BOM holds no records. */
static void test_bom_only(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("\xEF\xBB\xBF", ',');
    expect_end(reader);
}

/* Blank lines of every kind between records carry no data but keep counting lines.
 *   line 1: LF   line 2: LF   line 3: a LF   line 4: LF   line 5: CR LF   line 6: CR
 *   line 7: b LF   line 8: LF */
static void test_blank_lines(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("\n\na\n\n\r\n\rb\n\n", ',');
    const CircaCsvField *f = expect_record(reader, 1);
    expect_field(&f[0], "a", 3, 1);
    g_assert_cmpuint(circa_csv_reader_record_line(reader), ==, 3);
    f = expect_record(reader, 1);
    expect_field(&f[0], "b", 7, 1);
    g_assert_cmpuint(circa_csv_reader_record_line(reader), ==, 7);
    expect_end(reader);
}

static void test_empty_input(void)
{
    g_autoptr(CircaCsvReader) reader = circa_csv_reader_new("", 0, ',');
    expect_end(reader);
    expect_end(reader); /* and stays at the end */

    g_autoptr(CircaCsvReader) null_reader = circa_csv_reader_new(NULL, 0, ',');
    expect_end(null_reader);

    /* A length of 0 means no bytes, whatever lies at the pointer. */
    g_autoptr(CircaCsvReader) zero = circa_csv_reader_new("a,b\n", 0, ',');
    expect_end(zero);
}

/* bytes: LF CR LF CR LF LF CR */
static void test_only_blank_lines(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("\n\r\n\r\n\n\r", ',');
    expect_end(reader);
}

/* Tab-separated: commas are data, quoting works the same.
 *   bytes: a TAB b , c TAB " d TAB e " LF 1 , 2 TAB TAB 3 LF */
static void test_tsv(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("a\tb,c\t\"d\te\"\n1,2\t\t3\n", '\t');
    const CircaCsvField *f = expect_record(reader, 3);
    expect_field(&f[0], "a", 1, 1);
    expect_field(&f[1], "b,c", 1, 3);
    expect_field(&f[2], "d\te", 1, 7);
    g_assert_true(f[2].quoted);
    f = expect_record(reader, 3);
    expect_field(&f[0], "1,2", 2, 1);
    expect_field(&f[1], "", 2, 5);
    expect_field(&f[2], "3", 2, 6);
    expect_end(reader);
}

/* Columns count characters, not bytes.
 *   line 1: C a f C3 A9 , x         ("Café" is 4 characters: x at column 6)
 *   line 2: E6 97 A5 E6 9C AC , y   ("日本": y at column 4)
 *   line 3: F0 9F 98 80 , z         (one emoji: z at column 3)
 *   line 4: " C3 A9 " , " w "       (a quoted "é": w's quote at column 5) */
static void test_columns_multibyte(void)
{
    g_autoptr(CircaCsvReader) reader =
        reader_for("Café,x\n日本,y\n\xF0\x9F\x98\x80,z\n\"é\",\"w\"\n", ',');
    const CircaCsvField *f = expect_record(reader, 2);
    expect_field(&f[0], "Café", 1, 1);
    g_assert_cmpuint(f[0].length, ==, 5);
    expect_field(&f[1], "x", 1, 6);
    f = expect_record(reader, 2);
    expect_field(&f[0], "日本", 2, 1);
    expect_field(&f[1], "y", 2, 4);
    f = expect_record(reader, 2);
    expect_field(&f[1], "z", 3, 3);
    f = expect_record(reader, 2);
    expect_field(&f[0], "é", 4, 1);
    expect_field(&f[1], "w", 4, 5);
    expect_end(reader);
}

/* Every field's position in a small file.
 *   line 1: a , b b , c c c
 *   line 2: " q " , , z
 *   line 3: (blank)
 *   line 4: " m LF          <- a quoted field over lines 4 and 5
 *   line 5: é " , t , " u "
 *   line 6: v */
static void test_positions(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("a,bb,ccc\n\"q\",,z\n\n\"m\né\",t,\"u\"\nv", ',');
    const CircaCsvField *f = expect_record(reader, 3);
    expect_field(&f[0], "a", 1, 1);
    expect_field(&f[1], "bb", 1, 3);
    expect_field(&f[2], "ccc", 1, 6);
    f = expect_record(reader, 3);
    expect_field(&f[0], "q", 2, 1);
    expect_field(&f[1], "", 2, 5);
    expect_field(&f[2], "z", 2, 6);
    f = expect_record(reader, 3);
    expect_field(&f[0], "m\né", 4, 1);
    expect_field(&f[1], "t", 5, 4);
    expect_field(&f[2], "u", 5, 6);
    g_assert_cmpuint(circa_csv_reader_record_line(reader), ==, 4);
    f = expect_record(reader, 1);
    expect_field(&f[0], "v", 6, 1);
    g_assert_cmpuint(circa_csv_reader_record_line(reader), ==, 6);
    expect_end(reader);
}

/* Lines after a multi-line field are physical lines, whatever the breaks inside it.
 *   line 1: i d , n o t e LF
 *   line 2: 1 , " a CR LF
 *   line 3: b CR
 *   line 4: c LF
 *   line 5: " , x LF
 *   line 6: 2 , y */
static void test_lines_after_multiline(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("id,note\n1,\"a\r\nb\rc\n\",x\n2,y", ',');
    expect_record(reader, 2);
    const CircaCsvField *f = expect_record(reader, 3);
    expect_field(&f[0], "1", 2, 1);
    expect_field(&f[1], "a\r\nb\rc\n", 2, 3);
    expect_field(&f[2], "x", 5, 3);
    g_assert_cmpuint(circa_csv_reader_record_line(reader), ==, 2);
    f = expect_record(reader, 2);
    expect_field(&f[0], "2", 6, 1);
    expect_field(&f[1], "y", 6, 3);
    g_assert_cmpuint(circa_csv_reader_record_line(reader), ==, 6);
    expect_end(reader);
}

/* The line a record starts on, for well-formed and problem records alike.
 *   line 1: (blank)  line 2: h LF  line 3: " m LF  line 4: l " LF  line 5: (blank)
 *   line 6: a " b LF (stray quote)  line 7: z */
static void test_record_line(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("\nh\n\"m\nl\"\n\na\"b\nz\n", ',');
    expect_record(reader, 1);
    g_assert_cmpuint(circa_csv_reader_record_line(reader), ==, 2);
    expect_record(reader, 1);
    g_assert_cmpuint(circa_csv_reader_record_line(reader), ==, 3);
    expect_problem(reader, NULL, NULL);
    g_assert_cmpuint(circa_csv_reader_record_line(reader), ==, 6);
    expect_record(reader, 1);
    g_assert_cmpuint(circa_csv_reader_record_line(reader), ==, 7);
    expect_end(reader);
}

/* ---- problems ---- */

/* bytes: o k , a b FF LF n e x t LF — the bad byte is character 6 of line 1, in field 1. */
static void test_invalid_utf8(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("ok,ab\xFF\nnext\n", ',');
    const CircaCsvField *f;
    guint n;
    CircaCsvProblem problem = expect_problem(reader, &f, &n);
    g_assert_cmpuint(problem.line, ==, 1);
    g_assert_cmpuint(problem.column, ==, 6);
    g_assert_cmpuint(problem.field, ==, 1);
    g_assert_nonnull(strstr(problem.message, "UTF-8"));
    g_assert_nonnull(strstr(problem.message, "0xFF"));
    g_assert_cmpuint(n, ==, 2); /* the fields are still set */
    expect_field(&f[0], "ok", 1, 1);
    f = expect_record(reader, 1);
    expect_field(&f[0], "next", 2, 1);
    expect_end(reader);
}

/* Multibyte characters before the bad byte count as one column each.
 *   bytes: E6 97 A5 E6 9C AC , x FF y   ("日本,x" then FF: column 5)
 *   bytes: C a f C3 , z                  (C3 starts a sequence that "," does not continue) */
static void test_invalid_utf8_column(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("日本,x\xFFy\nCaf\xC3,z\n", ',');
    CircaCsvProblem problem = expect_problem(reader, NULL, NULL);
    g_assert_cmpuint(problem.line, ==, 1);
    g_assert_cmpuint(problem.column, ==, 5);
    g_assert_cmpuint(problem.field, ==, 1);
    problem = expect_problem(reader, NULL, NULL);
    g_assert_cmpuint(problem.line, ==, 2);
    g_assert_cmpuint(problem.column, ==, 4);
    g_assert_cmpuint(problem.field, ==, 0);
    g_assert_nonnull(strstr(problem.message, "0xC3"));
    expect_end(reader);
}

/* A bad byte on the third physical line of a quoted field is reported there.
 *   line 1: i d , n o t e LF
 *   line 2: 1 , " f i r s t LF
 *   line 3: s e c o n d SP C3 28 SP l i n e " LF   (C3 28: "(" cannot continue C3; column 8)
 *   line 4: 2 , o k LF */
static void test_invalid_utf8_multiline(void)
{
    g_autoptr(CircaCsvReader) reader =
        reader_for("id,note\n1,\"first\nsecond \xC3\x28 line\"\n2,ok\n", ',');
    expect_record(reader, 2);
    CircaCsvProblem problem = expect_problem(reader, NULL, NULL);
    g_assert_cmpuint(problem.line, ==, 3);
    g_assert_cmpuint(problem.column, ==, 8);
    g_assert_cmpuint(problem.field, ==, 1);
    g_assert_cmpuint(circa_csv_reader_record_line(reader), ==, 2);
    const CircaCsvField *f = expect_record(reader, 2);
    expect_field(&f[0], "2", 4, 1);
    expect_field(&f[1], "ok", 4, 3);
    expect_end(reader);
}

/* The same over CRLF and lone CR breaks inside quotes.
 *   line 1: " a CR LF
 *   line 2: é CR
 *   line 3: b FE " LF      (FE at column 2)
 *   line 4: o k */
static void test_invalid_utf8_multiline_cr(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("\"a\r\né\rb\xFE\"\nok", ',');
    CircaCsvProblem problem = expect_problem(reader, NULL, NULL);
    g_assert_cmpuint(problem.line, ==, 3);
    g_assert_cmpuint(problem.column, ==, 2);
    g_assert_cmpuint(problem.field, ==, 0);
    const CircaCsvField *f = expect_record(reader, 1);
    expect_field(&f[0], "ok", 4, 1);
    expect_end(reader);
}

/* Overlong encodings and UTF-16 surrogates are not UTF-8 either.
 *   line 1: a , C0 AF          (overlong "/": column 3)
 *   line 2: b , c , ED A0 80   (U+D800: column 5) */
static void test_invalid_utf8_overlong(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("a,\xC0\xAF\nb,c,\xED\xA0\x80\n", ',');
    CircaCsvProblem problem = expect_problem(reader, NULL, NULL);
    g_assert_cmpuint(problem.line, ==, 1);
    g_assert_cmpuint(problem.column, ==, 3);
    problem = expect_problem(reader, NULL, NULL);
    g_assert_cmpuint(problem.line, ==, 2);
    g_assert_cmpuint(problem.column, ==, 5);
    g_assert_cmpuint(problem.field, ==, 2);
    expect_end(reader);
}

/* A quote never closed runs to the end of the file and is reported where it opened.
 *   line 1: a , b LF
 *   line 2: 1 , " n e v e r SP c l o s e d LF
 *   line 3: 2 , x LF          (swallowed by the open quote) */
static void test_unterminated_quote(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("a,b\n1,\"never closed\n2,x\n", ',');
    expect_record(reader, 2);
    const CircaCsvField *f;
    guint n;
    CircaCsvProblem problem = expect_problem(reader, &f, &n);
    g_assert_cmpuint(problem.line, ==, 2);
    g_assert_cmpuint(problem.column, ==, 3);
    g_assert_cmpuint(problem.field, ==, 1);
    g_assert_cmpuint(n, ==, 2);
    expect_field(&f[0], "1", 2, 1);
    g_assert_true(f[1].quoted);
    g_assert_cmpuint(f[1].line, ==, 2);
    g_assert_cmpuint(f[1].column, ==, 3);
    expect_end(reader);
}

/* bytes: E6 97 A5 E6 9C AC , " x   — the opening quote is character 4. */
static void test_unterminated_quote_multibyte(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("日本,\"x", ',');
    CircaCsvProblem problem = expect_problem(reader, NULL, NULL);
    g_assert_cmpuint(problem.line, ==, 1);
    g_assert_cmpuint(problem.column, ==, 4);
    g_assert_cmpuint(problem.field, ==, 1);
    expect_end(reader);
}

/* A quote inside an unquoted field.
 *   line 1: 1 , a b " c , 3 LF   (the quote is column 5, field 1)
 *   line 2: 2 , o k , 4 */
static void test_stray_quote(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("1,ab\"c,3\n2,ok,4", ',');
    const CircaCsvField *f;
    guint n;
    CircaCsvProblem problem = expect_problem(reader, &f, &n);
    g_assert_cmpuint(problem.line, ==, 1);
    g_assert_cmpuint(problem.column, ==, 5);
    g_assert_cmpuint(problem.field, ==, 1);
    g_assert_cmpuint(n, ==, 3);
    expect_field(&f[2], "3", 1, 8);
    f = expect_record(reader, 3);
    expect_field(&f[1], "ok", 2, 3);
    expect_end(reader);
}

/* A stray quote after a multi-line field is located on the physical line it is on.
 *   line 1: " a LF
 *   line 2: b " , c " d LF     (the stray quote is column 5) */
static void test_stray_quote_after_multiline(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("\"a\nb\",c\"d\n", ',');
    CircaCsvProblem problem = expect_problem(reader, NULL, NULL);
    g_assert_cmpuint(problem.line, ==, 2);
    g_assert_cmpuint(problem.column, ==, 5);
    g_assert_cmpuint(problem.field, ==, 1);
    expect_end(reader);
}

/* Text after a closing quote, a space included.
 *   line 1: 1 , " a b " c d , 3 LF   (c is column 7)
 *   line 2: " x " SP , y LF          (the space is column 4)
 *   line 3: 2 , z */
static void test_text_after_quote(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("1,\"ab\"cd,3\n\"x\" ,y\n2,z", ',');
    const CircaCsvField *f;
    guint n;
    CircaCsvProblem problem = expect_problem(reader, &f, &n);
    g_assert_cmpuint(problem.line, ==, 1);
    g_assert_cmpuint(problem.column, ==, 7);
    g_assert_cmpuint(problem.field, ==, 1);
    g_assert_cmpuint(n, ==, 3);
    expect_field(&f[2], "3", 1, 10);

    problem = expect_problem(reader, &f, &n);
    g_assert_cmpuint(problem.line, ==, 2);
    g_assert_cmpuint(problem.column, ==, 4);
    g_assert_cmpuint(problem.field, ==, 0);
    g_assert_cmpuint(n, ==, 2);
    expect_field(&f[1], "y", 2, 6);

    f = expect_record(reader, 2);
    expect_field(&f[1], "z", 3, 3);
    expect_end(reader);
}

/* A record with several problems reports the first one.
 *   bytes: a " b , FF LF     (stray quote at column 2, then a bad byte at column 5) */
static void test_first_problem_wins(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("a\"b,\xFF\n", ',');
    CircaCsvProblem problem = expect_problem(reader, NULL, NULL);
    g_assert_cmpuint(problem.line, ==, 1);
    g_assert_cmpuint(problem.column, ==, 2);
    g_assert_cmpuint(problem.field, ==, 0);
    expect_end(reader);
}

/* After each kind of problem the reader moves on and the next record reads correctly.
 *   line 1: 1 , " a b " x        text after quote
 *   line 2: 2 , o k
 *   line 3: 3 , a " b            stray quote
 *   line 4: 4 , " o , k "
 *   line 5: 5 , FF               invalid UTF-8
 *   line 6: 6 , " m LF           a good multi-line field...
 *   line 7: l "
 *   line 8: 7 , " b a d LF       ...and an invalid byte inside another one
 *   line 9: FF "
 *   line 10: 8 , o k
 *   line 11: 9 , " o p e n       unterminated, to the end */
static void test_recovery(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("1,\"ab\"x\n"
                                                  "2,ok\n"
                                                  "3,a\"b\n"
                                                  "4,\"o,k\"\n"
                                                  "5,\xFF\n"
                                                  "6,\"m\nl\"\n"
                                                  "7,\"bad\n\xFF\"\n"
                                                  "8,ok\n"
                                                  "9,\"open\n",
                                                  ',');
    CircaCsvProblem problem = expect_problem(reader, NULL, NULL);
    g_assert_cmpuint(problem.line, ==, 1);
    const CircaCsvField *f = expect_record(reader, 2);
    expect_field(&f[0], "2", 2, 1);
    expect_field(&f[1], "ok", 2, 3);

    problem = expect_problem(reader, NULL, NULL);
    g_assert_cmpuint(problem.line, ==, 3);
    g_assert_cmpuint(problem.column, ==, 4);
    f = expect_record(reader, 2);
    expect_field(&f[0], "4", 4, 1);
    expect_field(&f[1], "o,k", 4, 3);

    problem = expect_problem(reader, NULL, NULL);
    g_assert_cmpuint(problem.line, ==, 5);
    g_assert_cmpuint(problem.column, ==, 3);
    f = expect_record(reader, 2);
    expect_field(&f[0], "6", 6, 1);
    expect_field(&f[1], "m\nl", 6, 3);

    problem = expect_problem(reader, NULL, NULL);
    g_assert_cmpuint(problem.line, ==, 9);
    g_assert_cmpuint(problem.column, ==, 1);
    g_assert_cmpuint(circa_csv_reader_record_line(reader), ==, 8);
    f = expect_record(reader, 2);
    expect_field(&f[0], "8", 10, 1);
    expect_field(&f[1], "ok", 10, 3);

    problem = expect_problem(reader, NULL, NULL);
    g_assert_cmpuint(problem.line, ==, 11);
    g_assert_cmpuint(problem.column, ==, 3);
    expect_end(reader);
}

/* The problem pointer may be NULL: the result still says a problem was found. */
static void test_problem_nullable(void)
{
    g_autoptr(CircaCsvReader) reader = reader_for("a\"b\nc\n", ',');
    const CircaCsvField *fields;
    guint n_fields;
    g_assert_cmpint(circa_csv_reader_next(reader, &fields, &n_fields, NULL), ==, CIRCA_CSV_PROBLEM);
    const CircaCsvField *f = expect_record(reader, 1);
    expect_field(&f[0], "c", 2, 1);
}

/* ---- size ---- */

#define MIB (1024 * 1024)

/* A 1 MiB plain field, then a 1 MiB quoted one with doubled quotes and commas inside. */
static void test_long_field(void)
{
    GString *text = g_string_sized_new(3 * MIB);
    GString *quoted_value = g_string_sized_new(MIB);
    for (gsize i = 0; i < MIB; i++) {
        g_string_append_c(text, (char) ('a' + i % 26));
    }
    g_string_append(text, ",end\n\"");
    for (gsize i = 0; i < MIB; i++) {
        char c = i % 97 == 0 ? '"' : i % 89 == 0 ? ',' : (char) ('A' + i % 26);
        g_string_append_c(quoted_value, c);
        g_string_append_c(text, c);
        if (c == '"') {
            g_string_append_c(text, '"');
        }
    }
    g_string_append(text, "\",tail");

    g_autoptr(CircaCsvReader) reader = circa_csv_reader_new(text->str, text->len, ',');
    const CircaCsvField *f = expect_record(reader, 2);
    g_assert_cmpuint(f[0].length, ==, MIB);
    g_assert_cmpmem(f[0].text, f[0].length, text->str, MIB);
    expect_field(&f[1], "end", 1, MIB + 2);

    f = expect_record(reader, 2);
    g_assert_cmpuint(f[0].length, ==, MIB);
    g_assert_cmpmem(f[0].text, f[0].length, quoted_value->str, quoted_value->len);
    g_assert_cmpuint(f[0].line, ==, 2);
    /* The raw field is the value, its doubled quotes and the two enclosing quotes. */
    guint quotes = (MIB + 96) / 97;
    expect_field(&f[1], "tail", 2, MIB + quotes + 2 + 2);
    expect_end(reader);

    g_string_free(quoted_value, TRUE);
    g_string_free(text, TRUE);
}

/* One record of 10,000 fields "f0,f1,…,f9999", then a short one. */
static void test_many_fields(void)
{
    enum { N = 10000 };
    GString *text = g_string_new(NULL);
    for (guint i = 0; i < N; i++) {
        g_string_append_printf(text, "%sf%u", i ? "," : "", i);
    }
    g_string_append(text, "\nlast\n");

    g_autoptr(CircaCsvReader) reader = circa_csv_reader_new(text->str, text->len, ',');
    const CircaCsvField *f = expect_record(reader, N);
    guint32 column = 1;
    for (guint i = 0; i < N; i++) {
        char expected[16];
        g_snprintf(expected, sizeof expected, "f%u", i);
        expect_field(&f[i], expected, 1, column);
        column += (guint32) strlen(expected) + 1;
    }
    f = expect_record(reader, 1);
    expect_field(&f[0], "last", 2, 1);
    expect_end(reader);
    g_string_free(text, TRUE);
}

/* ---- robustness and round trips ---- */

/* 64 KiB of random non-NUL bytes, rich in quotes, delimiters and breaks: the reader must
 * terminate, report problems (random bytes are not UTF-8), keep its promises about every field,
 * and never crash. */
static void test_binary_input(void)
{
    enum { SIZE = 64 * 1024 };
    g_autoptr(GRand) rand = g_rand_new_with_seed(0xC1CA);
    char *data = g_malloc(SIZE);
    for (gsize i = 0; i < SIZE; i++) {
        static const char special[] = {'"', ',', '\n', '\r', '\t'};
        if (g_rand_int_range(rand, 0, 4) == 0) {
            data[i] = special[g_rand_int_range(rand, 0, G_N_ELEMENTS(special))];
        } else {
            data[i] = (char) g_rand_int_range(rand, 1, 256);
        }
    }
    for (guint pass = 0; pass < 2; pass++) {
        g_autoptr(CircaCsvReader) reader = circa_csv_reader_new(data, SIZE, pass ? '\t' : ',');
        const CircaCsvField *fields;
        guint n_fields;
        CircaCsvProblem problem;
        CircaCsvResult result;
        guint records = 0, problems = 0;
        guint32 last_line = 0;
        while ((result = circa_csv_reader_next(reader, &fields, &n_fields, &problem)) !=
               CIRCA_CSV_END) {
            records++;
            g_assert_cmpuint(records, <=, SIZE);
            g_assert_cmpuint(n_fields, >=, 1);
            guint32 record_line = circa_csv_reader_record_line(reader);
            g_assert_cmpuint(record_line, >, last_line);
            last_line = record_line;
            for (guint i = 0; i < n_fields; i++) {
                g_assert_cmpuint(strlen(fields[i].text), ==, fields[i].length);
                g_assert_cmpuint(fields[i].line, >=, record_line);
                g_assert_cmpuint(fields[i].column, >=, 1);
            }
            if (result == CIRCA_CSV_PROBLEM) {
                problems++;
                g_assert_cmpuint(problem.line, >=, record_line);
                g_assert_cmpuint(problem.column, >=, 1);
                g_assert_cmpuint(problem.field, <, n_fields);
                g_assert_cmpuint(strlen(problem.message), >, 0);
            }
        }
        g_assert_cmpuint(records, >, 1);
        g_assert_cmpuint(problems, >, 0);
    }
    g_free(data);
}

typedef struct {
    GPtrArray *values; /* char *, one per field */
    GArray *quoted;    /* gboolean */
    GArray *offsets;   /* gsize: where each field starts in the encoded text */
} Record;

static void record_clear(Record *record)
{
    g_ptr_array_unref(record->values);
    g_array_unref(record->quoted);
    g_array_unref(record->offsets);
}

static char *random_value(GRand *rand)
{
    static const char *const pieces[] = {
        "a",    "b",    "Z",  "0",    " ",
        ",",    "\t",   "\"", "\"\"", "\r",
        "\n",   "\r\n", "é",  "日本", "\xF0\x9F\x98\x80",
        "x\"y",
    };
    GString *value = g_string_new(NULL);
    gint32 n = g_rand_int_range(rand, 0, 7);
    for (gint32 i = 0; i < n; i++) {
        g_string_append(value, pieces[g_rand_int_range(rand, 0, G_N_ELEMENTS(pieces))]);
    }
    return g_string_free(value, FALSE);
}

/* Writes @value as RFC 4180 does: quoted when it must be (or when @force), quotes doubled. */
static gboolean encode_value(GString *out, const char *value, char delimiter, gboolean force)
{
    gboolean quote = force || strchr(value, delimiter) != NULL || strpbrk(value, "\"\r\n") != NULL;
    if (!quote) {
        g_string_append(out, value);
        return FALSE;
    }
    g_string_append_c(out, '"');
    for (const char *p = value; *p != '\0'; p++) {
        if (*p == '"') {
            g_string_append_c(out, '"');
        }
        g_string_append_c(out, *p);
    }
    g_string_append_c(out, '"');
    return TRUE;
}

/* Where each offset of @text lies: physical line (CRLF, LF or lone CR end one) and character
 * column, counted from @start (after any BOM). @offsets is ascending. */
static void locate(const char *text, gsize length, gsize start, const GArray *offsets,
                   guint32 *lines, guint32 *columns)
{
    guint32 line = 1, column = 1;
    guint k = 0;
    for (gsize i = start; i <= length && k < offsets->len; i++) {
        while (k < offsets->len && g_array_index(offsets, gsize, k) == i) {
            lines[k] = line;
            columns[k] = column;
            k++;
        }
        if (i == length) {
            break;
        }
        char c = text[i];
        if (c == '\r' && i + 1 < length && text[i + 1] == '\n') {
            continue; /* the LF ends this line */
        }
        if (c == '\n' || c == '\r') {
            line++;
            column = 1;
        } else if (((guchar) c & 0xC0) != 0x80) {
            column++;
        }
    }
    g_assert_cmpuint(k, ==, offsets->len);
}

/* Random records of random fields (delimiters, quotes, CR, LF, tabs, multibyte text), encoded
 * here per RFC 4180 with random record ends, blank lines, BOM and final break, then read back:
 * every value, quoted flag, line and column must come back. Seeded, so failures reproduce. */
static void test_round_trip(void)
{
    g_autoptr(GRand) rand = g_rand_new_with_seed(20251122);
    static const char *const breaks[] = {"\r\n", "\n", "\r"};
    for (guint doc = 0; doc < 400; doc++) {
        char delimiter = doc % 3 == 2 ? '\t' : ',';
        guint n_records = (guint) g_rand_int_range(rand, 1, 9);
        Record *records = g_new0(Record, n_records);
        GArray *all_offsets = g_array_new(FALSE, FALSE, sizeof(gsize));
        GString *text = g_string_new(NULL);
        gsize start = 0;
        if (g_rand_int_range(rand, 0, 4) == 0) {
            g_string_append(text, "\xEF\xBB\xBF");
            start = 3;
        }
        for (guint r = 0; r < n_records; r++) {
            Record *record = &records[r];
            record->values = g_ptr_array_new_with_free_func(g_free);
            record->quoted = g_array_new(FALSE, FALSE, sizeof(gboolean));
            record->offsets = g_array_new(FALSE, FALSE, sizeof(gsize));
            if (g_rand_int_range(rand, 0, 6) == 0) {
                g_string_append(text, breaks[g_rand_int_range(rand, 0, 3)]); /* a blank line */
            }
            guint n_fields = (guint) g_rand_int_range(rand, 1, 7);
            for (guint i = 0; i < n_fields; i++) {
                char *value = random_value(rand);
                if (i > 0) {
                    g_string_append_c(text, delimiter);
                }
                gsize offset = text->len;
                /* A lone empty unquoted field would be a blank line, so quote it. */
                gboolean force =
                    (n_fields == 1 && value[0] == '\0') || g_rand_int_range(rand, 0, 4) == 0;
                gboolean quoted = encode_value(text, value, delimiter, force);
                g_ptr_array_add(record->values, value);
                g_array_append_val(record->quoted, quoted);
                g_array_append_val(record->offsets, offset);
                g_array_append_val(all_offsets, offset);
            }
            if (r + 1 < n_records || g_rand_boolean(rand)) {
                g_string_append(text, breaks[g_rand_int_range(rand, 0, 3)]);
            }
        }

        guint32 *lines = g_new(guint32, all_offsets->len);
        guint32 *columns = g_new(guint32, all_offsets->len);
        locate(text->str, text->len, start, all_offsets, lines, columns);

        g_autoptr(CircaCsvReader) reader = circa_csv_reader_new(text->str, text->len, delimiter);
        guint k = 0;
        for (guint r = 0; r < n_records; r++) {
            const Record *record = &records[r];
            const CircaCsvField *f = expect_record(reader, record->values->len);
            g_assert_cmpuint(circa_csv_reader_record_line(reader), ==, lines[k]);
            for (guint i = 0; i < record->values->len; i++, k++) {
                const char *value = g_ptr_array_index(record->values, i);
                g_assert_cmpmem(f[i].text, f[i].length, value, strlen(value));
                g_assert_cmpint(f[i].quoted, ==, g_array_index(record->quoted, gboolean, i));
                g_assert_cmpuint(f[i].line, ==, lines[k]);
                g_assert_cmpuint(f[i].column, ==, columns[k]);
            }
        }
        expect_end(reader);

        g_free(lines);
        g_free(columns);
        for (guint r = 0; r < n_records; r++) {
            record_clear(&records[r]);
        }
        g_free(records);
        g_array_unref(all_offsets);
        g_string_free(text, TRUE);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/csv/plain", test_plain);
    g_test_add_func("/csv/quoted", test_quoted);
    g_test_add_func("/csv/plain-fields", test_plain_fields);
    g_test_add_func("/csv/quoted-delimiter", test_quoted_delimiter);
    g_test_add_func("/csv/doubled-quotes", test_doubled_quotes);
    g_test_add_func("/csv/embedded-lf", test_embedded_lf);
    g_test_add_func("/csv/embedded-crlf", test_embedded_crlf);
    g_test_add_func("/csv/crlf", test_crlf);
    g_test_add_func("/csv/lf", test_lf);
    g_test_add_func("/csv/lone-cr", test_lone_cr);
    g_test_add_func("/csv/mixed-line-ends", test_mixed_line_ends);
    g_test_add_func("/csv/no-final-newline", test_no_final_newline);
    g_test_add_func("/csv/trailing-delimiter", test_trailing_delimiter);
    g_test_add_func("/csv/empty-fields", test_empty_fields);
    g_test_add_func("/csv/bom", test_bom);
    g_test_add_func("/csv/bom-only", test_bom_only);
    g_test_add_func("/csv/blank-lines", test_blank_lines);
    g_test_add_func("/csv/empty-input", test_empty_input);
    g_test_add_func("/csv/only-blank-lines", test_only_blank_lines);
    g_test_add_func("/csv/tsv", test_tsv);
    g_test_add_func("/csv/columns-multibyte", test_columns_multibyte);
    g_test_add_func("/csv/positions", test_positions);
    g_test_add_func("/csv/lines-after-multiline", test_lines_after_multiline);
    g_test_add_func("/csv/record-line", test_record_line);
    g_test_add_func("/csv/invalid-utf8", test_invalid_utf8);
    g_test_add_func("/csv/invalid-utf8-column", test_invalid_utf8_column);
    g_test_add_func("/csv/invalid-utf8-multiline", test_invalid_utf8_multiline);
    g_test_add_func("/csv/invalid-utf8-multiline-cr", test_invalid_utf8_multiline_cr);
    g_test_add_func("/csv/invalid-utf8-overlong", test_invalid_utf8_overlong);
    g_test_add_func("/csv/unterminated-quote", test_unterminated_quote);
    g_test_add_func("/csv/unterminated-quote-multibyte", test_unterminated_quote_multibyte);
    g_test_add_func("/csv/stray-quote", test_stray_quote);
    g_test_add_func("/csv/stray-quote-after-multiline", test_stray_quote_after_multiline);
    g_test_add_func("/csv/text-after-quote", test_text_after_quote);
    g_test_add_func("/csv/first-problem-wins", test_first_problem_wins);
    g_test_add_func("/csv/recovery", test_recovery);
    g_test_add_func("/csv/problem-nullable", test_problem_nullable);
    g_test_add_func("/csv/long-field", test_long_field);
    g_test_add_func("/csv/many-fields", test_many_fields);
    g_test_add_func("/csv/binary-input", test_binary_input);
    g_test_add_func("/csv/round-trip", test_round_trip);
    return g_test_run();
}
