/* SPDX-License-Identifier: MIT */
/* The deal loader: columns by name, folders, entity tables and aliases, ids across files, and the
 * diagnostics it gives. */

#include "deal-fixture.h"

#define HEADER "id,date,payer,payee,amount_usd,kind,status\n"

static void test_fields(void)
{
    DealFixture f;
    deal_fixture_init(&f);
    g_autoptr(CircaDealSet) set = deal_fixture_load_text(
        &f, "id,date,payer,payee,amount_usd,kind,status,source,note\n"
            "n1,2025-09-22,Nvidia,OpenAI,$100B,equity,announced,\"Reuters, 2025-09-22\",up to\n"
            "n2,,OpenAI,Nvidia,,Chips,,,\n");
    g_assert_cmpuint(set->deals->len, ==, 2);
    g_assert_cmpuint(set->files->len, ==, 1);
    const CircaDeal *first = circa_deal_set_deal(set, 0);
    g_assert_cmpstr(first->id, ==, "n1");
    g_assert_cmpint(first->amount_usd, ==, G_GINT64_CONSTANT(100000000000));
    g_assert_cmpint(first->date.precision, ==, CIRCA_DATE_DAY);
    g_assert_cmpint(first->kind, ==, CIRCA_KIND_EQUITY);
    g_assert_cmpint(first->status, ==, CIRCA_STATUS_ANNOUNCED);
    g_assert_cmpstr(first->source, ==, "Reuters, 2025-09-22");
    g_assert_cmpstr(first->note, ==, "up to");
    g_assert_cmpuint(first->line, ==, 2);
    g_assert_cmpstr(circa_deal_set_entity(set, first->payer)->name, ==, "Nvidia");
    g_assert_cmpstr(circa_deal_set_entity(set, first->payee)->name, ==, "OpenAI");

    const CircaDeal *second = circa_deal_set_deal(set, 1);
    g_assert_cmpint(second->amount_usd, ==, CIRCA_AMOUNT_UNKNOWN);
    g_assert_cmpint(second->date.precision, ==, CIRCA_DATE_NONE);
    g_assert_cmpint(second->kind, ==, CIRCA_KIND_CHIPS);
    g_assert_cmpint(second->status, ==, CIRCA_STATUS_ANNOUNCED); /* the default */
    g_assert_cmpstr(second->source, ==, "");
    g_assert_cmpuint(circa_diagnostics_get_n(f.diagnostics), ==, 0);
    deal_fixture_clear(&f);
}

static void test_columns_any_order(void)
{
    DealFixture f;
    deal_fixture_init(&f);
    /* Required columns only, shuffled, with spaces and capitals in the header. */
    g_autoptr(CircaDealSet) set = deal_fixture_load_text(&f, " Kind ,payee,ID,Payer\n"
                                                             "loan,B,x1,A\n");
    const CircaDeal *deal = circa_deal_set_deal(set, 0);
    g_assert_cmpstr(deal->id, ==, "x1");
    g_assert_cmpint(deal->kind, ==, CIRCA_KIND_LOAN);
    g_assert_cmpstr(circa_deal_set_entity(set, deal->payer)->name, ==, "A");
    g_assert_cmpstr(circa_deal_set_entity(set, deal->payee)->name, ==, "B");
    deal_fixture_clear(&f);
}

static void test_names_trimmed_and_sorted(void)
{
    DealFixture f;
    deal_fixture_init(&f);
    g_autoptr(CircaDealSet) set =
        deal_fixture_load_text(&f, HEADER "a,2025,  Zeta ,Alpha,1M,equity,\n"
                                          "b,2025,Mid,Zeta,1M,equity,\n");
    /* Entities are numbered in byte order of their names, whatever the file order. */
    g_assert_cmpuint(set->entities->len, ==, 3);
    g_assert_cmpstr(circa_deal_set_entity(set, 0)->name, ==, "Alpha");
    g_assert_cmpstr(circa_deal_set_entity(set, 1)->name, ==, "Mid");
    g_assert_cmpstr(circa_deal_set_entity(set, 2)->name, ==, "Zeta");
    g_assert_cmpuint(circa_deal_set_deal(set, 0)->payer, ==, 2);
    g_assert_cmpuint(circa_deal_set_deal(set, 1)->payee, ==, 2);
    deal_fixture_clear(&f);
}

static void test_folder(void)
{
    DealFixture f;
    deal_fixture_init(&f);
    g_autofree char *b = deal_fixture_write(&f, "data/b.tsv",
                                            "id\tpayer\tpayee\tkind\n"
                                            "t1\tAWS\tAnthropic\tequity\n");
    g_autofree char *a =
        deal_fixture_write(&f, "data/a.csv", HEADER "c1,2024,Anthropic,Amazon,4B,compute,signed\n");
    g_autofree char *e = deal_fixture_write(
        &f, "data/entities.csv", "name,aliases,type\nAmazon,\"AWS; Amazon Web Services\",cloud\n");
    g_autofree char *n = deal_fixture_write(&f, "data/notes.txt", "not deals\n");
    g_autofree char *h = deal_fixture_write(&f, "data/.hidden.csv", "garbage\n");
    g_autofree char *folder = g_build_filename(f.dir, "data", NULL);
    const char *paths[] = {folder, NULL};
    g_autoptr(CircaDealSet) set = deal_fixture_load(&f, paths, NULL);
    g_assert_nonnull(set);

    /* a.csv before b.tsv; entities.csv is the table, not deals; other files are left alone. */
    g_assert_cmpuint(set->files->len, ==, 2);
    g_assert_true(g_str_has_suffix(g_ptr_array_index(set->files, 0), "a.csv"));
    g_assert_true(g_str_has_suffix(g_ptr_array_index(set->files, 1), "b.tsv"));
    g_assert_cmpuint(set->entity_files->len, ==, 1);
    g_assert_cmpuint(set->deals->len, ==, 2);
    /* AWS resolves to Amazon: two entities, and the table's type is kept. */
    g_assert_cmpuint(set->entities->len, ==, 2);
    int amazon = deal_fixture_entity(set, "Amazon");
    g_assert_cmpint(amazon, >=, 0);
    g_assert_cmpstr(circa_deal_set_entity(set, (guint) amazon)->type, ==, "cloud");
    g_assert_cmpuint(circa_deal_set_deal(set, 1)->payer, ==, (guint) amazon);
    g_assert_cmpuint(circa_deal_set_deal(set, 1)->file, ==, 1);
    deal_fixture_clear(&f);
}

static void test_empty_folder(void)
{
    DealFixture f;
    deal_fixture_init(&f);
    g_autofree char *n = deal_fixture_write(&f, "data/readme.txt", "no deals here\n");
    g_autofree char *folder = g_build_filename(f.dir, "data", NULL);
    const char *paths[] = {folder, NULL};
    g_assert_null(deal_fixture_load(&f, paths, NULL));
    g_autofree char *messages = deal_fixture_messages(&f);
    g_assert_cmpstr(messages, ==,
                    "data:0:0: error: no deal files (*.csv, *.tsv) in this directory\n");
    deal_fixture_clear(&f);
}

static void test_explicit_entities(void)
{
    DealFixture f;
    deal_fixture_init(&f);
    g_autofree char *deals =
        deal_fixture_write(&f, "deals.csv",
                           HEADER "m1,2023,Microsoft,OpenAI,10B,equity,closed\n"
                                  "m2,2023,OpenAI,Azure,,compute,signed\n");
    g_autofree char *table = deal_fixture_write(&f, "names.csv", "name,aliases\nMicrosoft,Azure\n");
    const char *paths[] = {deals, NULL};
    g_autoptr(CircaDealSet) set = deal_fixture_load(&f, paths, table);
    g_assert_nonnull(set);
    g_assert_cmpuint(set->entities->len, ==, 2);
    g_assert_cmpuint(circa_deal_set_deal(set, 1)->payee, ==, circa_deal_set_deal(set, 0)->payer);
    g_assert_cmpstr(circa_deal_set_entity(set, 0)->type, ==, "");
    deal_fixture_clear(&f);
}

static void test_ids_unique_across_files(void)
{
    DealFixture f;
    deal_fixture_init(&f);
    g_autofree char *one = deal_fixture_write(&f, "one.csv", HEADER "d1,2025,A,B,1M,loan,\n");
    g_autofree char *two = deal_fixture_write(&f, "two.csv",
                                              HEADER "d2,2025,B,C,1M,loan,\n"
                                                     "d1,2025,C,A,1M,loan,\n");
    const char *paths[] = {one, two, NULL};
    g_assert_null(deal_fixture_load(&f, paths, NULL));
    g_assert_cmpuint(circa_diagnostics_n_errors(f.diagnostics), ==, 1);
    const CircaDiagnostic *d = circa_diagnostics_get(f.diagnostics, 0);
    g_assert_true(g_str_has_suffix(d->file, "two.csv"));
    g_assert_cmpuint(d->line, ==, 3);
    g_assert_cmpuint(d->column, ==, 1);
    g_autofree char *expected =
        g_strdup_printf("id: duplicate id \"d1\"; it was first used at %s:2", one);
    g_assert_cmpstr(d->message, ==, expected);
    deal_fixture_clear(&f);
}

static void test_same_file_twice(void)
{
    DealFixture f;
    deal_fixture_init(&f);
    g_autofree char *one = deal_fixture_write(&f, "one.csv", HEADER "d1,2025,A,B,1M,loan,\n");
    const char *paths[] = {one, f.dir, NULL};
    g_autoptr(CircaDealSet) set = deal_fixture_load(&f, paths, NULL);
    g_assert_nonnull(set);
    g_assert_cmpuint(set->deals->len, ==, 1);
    g_assert_cmpuint(circa_diagnostics_n_warnings(f.diagnostics), ==, 1);
    g_assert_cmpstr(circa_diagnostics_get(f.diagnostics, 0)->message, ==,
                    "named more than once; read once");
    deal_fixture_clear(&f);
}

/*
 *   name      aliases
 *   Amazon    AWS
 *   Google    AWS        ← AWS cannot mean two entities
 *   AWS                  ← nor be an entity of its own
 */
static void test_alias_conflicts(void)
{
    DealFixture f;
    deal_fixture_init(&f);
    g_autofree char *deals =
        deal_fixture_write(&f, "deals.csv", HEADER "d1,2025,Amazon,Google,1M,loan,\n");
    g_autofree char *table = deal_fixture_write(&f, "entities.csv",
                                                "name,aliases,type\n"
                                                "Amazon,AWS,cloud\n"
                                                "Google,\"Alphabet; AWS\",cloud\n"
                                                "AWS,,cloud\n"
                                                "Amazon,,cloud\n");
    const char *paths[] = {deals, NULL};
    g_assert_null(deal_fixture_load(&f, paths, table));
    g_autofree char *messages = deal_fixture_messages(&f);
    g_assert_cmpstr(
        messages, ==,
        "entities.csv:3:19: error: aliases: \"AWS\" is already an alias of Amazon "
        "(entities.csv:2)\n"
        "entities.csv:4:1: error: name: \"AWS\" is already an alias of Amazon (entities.csv:2)\n"
        "entities.csv:5:1: error: name: \"Amazon\" is already an entity (entities.csv:2)\n");
    deal_fixture_clear(&f);
}

static void test_self_deal_through_alias(void)
{
    DealFixture f;
    deal_fixture_init(&f);
    g_autofree char *deals = deal_fixture_write(&f, "deals.csv",
                                                HEADER "d1,2025,Amazon,AWS,1M,compute,\n"
                                                       "d2,2025,B,B,1M,loan,\n");
    g_autofree char *table =
        deal_fixture_write(&f, "entities.csv", "name,aliases\nAmazon,AWS\nB,\n");
    const char *paths[] = {deals, table, NULL};
    g_assert_null(deal_fixture_load(&f, paths, NULL));
    g_autofree char *messages = deal_fixture_messages(&f);
    g_assert_cmpstr(
        messages, ==,
        "deals.csv:2:16: error: payee: \"AWS\" is an alias of Amazon, which is also the payer; a "
        "deal needs two parties\n"
        "deals.csv:3:11: error: payee: \"B\" is also the payer; a deal needs two parties\n");
    deal_fixture_clear(&f);
}

/* Every problem of every file is reported in one run; nothing stops at the first. */
static void test_all_problems_reported(void)
{
    DealFixture f;
    deal_fixture_init(&f);
    g_autofree char *one = deal_fixture_write(&f, "one.csv",
                                              HEADER "d1,2025-02-30,A,B,1M,loan,\n"
                                                     "d2,2025,A,B,lots,loan,\n"
                                                     "d3,2025,A,B,1M,gift,sure\n");
    g_autofree char *two = deal_fixture_write(&f, "two.csv", "id,payer\nx,y\n");
    const char *paths[] = {one, two, NULL};
    g_assert_null(deal_fixture_load(&f, paths, NULL));
    g_autofree char *messages = deal_fixture_messages(&f);
    g_assert_cmpstr(
        messages, ==,
        "one.csv:2:4: error: date: day 30 does not exist in 2025-02, which has 28 days (found "
        "\"2025-02-30\")\n"
        "one.csv:3:13: error: amount_usd: expected an amount in US dollars such as 10000000000, "
        "10e9, $10B, 350M or 2.5k (found \"lots\")\n"
        "one.csv:4:16: error: kind: unknown kind; expected one of equity, loan, warrant, backstop, "
        "secondary, compute, chips, services (found \"gift\")\n"
        "one.csv:4:21: error: status: unknown status; expected one of rumored, announced, signed, "
        "closed (found \"sure\")\n"
        "two.csv:1:1: error: header: missing required columns \"payee\", \"kind\"; the first row "
        "of a deal file must name its columns (at least id, payer, payee, kind)\n");
    g_assert_cmpuint(circa_diagnostics_n_errors(f.diagnostics), ==, 5);
    deal_fixture_clear(&f);
}

static void test_max_errors(void)
{
    DealFixture f;
    deal_fixture_init(&f);
    circa_diagnostics_free(f.diagnostics);
    f.diagnostics = circa_diagnostics_new(2);
    GString *text = g_string_new(HEADER);
    for (int i = 0; i < 50; i++) {
        g_string_append_printf(text, "d%d,2025,A,B,-1,loan,\n", i);
    }
    g_autofree char *path = deal_fixture_write(&f, "deals.csv", text->str);
    g_string_free(text, TRUE);
    const char *paths[] = {path, NULL};
    g_assert_null(deal_fixture_load(&f, paths, NULL));
    /* Reading stops once the limit is reached instead of scanning on. */
    g_assert_true(circa_diagnostics_is_full(f.diagnostics));
    g_assert_cmpuint(circa_diagnostics_n_errors(f.diagnostics), ==, 2);
    g_assert_cmpuint(circa_diagnostics_get_n(f.diagnostics), ==, 2);
    deal_fixture_clear(&f);
}

static void test_duplicate_terms_warning(void)
{
    DealFixture f;
    deal_fixture_init(&f);
    g_autoptr(CircaDealSet) set =
        deal_fixture_load_text(&f, HEADER "d1,2025-01,A,B,1M,loan,\n"
                                          "d2,2025-01,A,B,1M,equity,\n"
                                          "d3,2025-01,A,B,1M,loan,signed\n"
                                          "d4,2025,A,B,1M,loan,\n");
    /* Only d3 repeats d1's payer, payee, kind, date and amount; status does not matter. */
    g_assert_cmpuint(set->deals->len, ==, 4);
    g_autofree char *messages = deal_fixture_messages(&f);
    g_assert_cmpstr(messages, ==,
                    "deals.csv:4:1: warning: id: deal \"d3\" has the same payer, payee, kind, date "
                    "and amount as deal \"d1\" (deals.csv:2); is it entered twice?\n");
    deal_fixture_clear(&f);
}

static void test_crlf_bom_tsv(void)
{
    DealFixture f;
    deal_fixture_init(&f);
    g_autofree char *path = deal_fixture_write(&f, "deals.tsv",
                                               "\xEF\xBB\xBFid\tpayer\tpayee\tkind\tnote\r\n"
                                               "d1\tA\tB\tloan\t\"x, y\ttab\"\r\n"
                                               "d2\tB\tA\tloan\tplain, comma\r\n");
    const char *paths[] = {path, NULL};
    g_autoptr(CircaDealSet) set = deal_fixture_load(&f, paths, NULL);
    g_assert_nonnull(set);
    g_assert_cmpuint(set->deals->len, ==, 2);
    g_assert_cmpstr(circa_deal_set_deal(set, 0)->note, ==, "x, y\ttab");
    g_assert_cmpstr(circa_deal_set_deal(set, 1)->note, ==, "plain, comma");
    g_assert_cmpuint(circa_deal_set_deal(set, 1)->line, ==, 3);
    deal_fixture_clear(&f);
}

static void test_unreadable(void)
{
    DealFixture f;
    deal_fixture_init(&f);
    g_autofree char *missing = g_build_filename(f.dir, "missing.csv", NULL);
    g_autofree char *empty = deal_fixture_write(&f, "empty.csv", "");
    const char *paths[] = {missing, empty, NULL};
    g_assert_null(deal_fixture_load(&f, paths, NULL));
    g_autofree char *messages = deal_fixture_messages(&f);
    g_assert_cmpstr(
        messages, ==,
        "missing.csv:0:0: error: cannot read: No such file or directory\n"
        "empty.csv:0:0: error: empty file: expected a header row naming the deal columns\n");
    deal_fixture_clear(&f);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/dealset/fields", test_fields);
    g_test_add_func("/dealset/columns-any-order", test_columns_any_order);
    g_test_add_func("/dealset/names-trimmed-and-sorted", test_names_trimmed_and_sorted);
    g_test_add_func("/dealset/folder", test_folder);
    g_test_add_func("/dealset/empty-folder", test_empty_folder);
    g_test_add_func("/dealset/explicit-entities", test_explicit_entities);
    g_test_add_func("/dealset/ids-unique-across-files", test_ids_unique_across_files);
    g_test_add_func("/dealset/same-file-twice", test_same_file_twice);
    g_test_add_func("/dealset/alias-conflicts", test_alias_conflicts);
    g_test_add_func("/dealset/self-deal-through-alias", test_self_deal_through_alias);
    g_test_add_func("/dealset/all-problems-reported", test_all_problems_reported);
    g_test_add_func("/dealset/max-errors", test_max_errors);
    g_test_add_func("/dealset/duplicate-terms-warning", test_duplicate_terms_warning);
    g_test_add_func("/dealset/crlf-bom-tsv", test_crlf_bom_tsv);
    g_test_add_func("/dealset/unreadable", test_unreadable);
    return g_test_run();
}
