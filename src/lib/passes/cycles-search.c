/* SPDX-License-Identifier: MIT */
/* The cycle search: Johnson's algorithm over a "hop graph" (parallel deals merged), inside strong
 * components, without recursion, with length bounds that prune.
 *
 * D. B. Johnson, "Finding all the elementary circuits of a directed graph", SIAM Journal on
 * Computing 4(1):77–84, 1975. doi:10.1137/0204007. Each start vertex s, taken in increasing
 * order, searches the cycles whose smallest vertex is s (procedure CIRCUIT); a vertex from which
 * no cycle could be completed stays blocked until a change of the path could open a way (UNBLOCK,
 * with the B lists).
 *
 * Length bounds follow the barrier idea of hop-constrained path enumeration (Peng et al.,
 * "Towards bridging theory and practice: hop-constrained s-t simple path enumeration", PVLDB
 * 13(4), 2019, doi:10.14778/3372716.3372725): before searching from s, a reverse breadth-first
 * search gives every vertex's distance back to s, and a vertex is entered only when the path so
 * far plus that distance fits the bound. A vertex that cannot reach s at all is never entered, so
 * a chain of diamonds with no edge back costs one BFS. Where the bound cut the search short the
 * vertex counts as if a cycle had been found, so it is unblocked again: blocking then never hides
 * a cycle that a shorter path could still close (the rule igraph's bounded search also uses). */

#include "circa/cycles.h"
#include "passes/cycles-private.h"

#include <string.h>

#define INFINITE_DISTANCE G_MAXUINT32
#define CHECK_EVERY                                                                                \
    (1u << 14) /* main-loop steps between looks at the clock and the cancel flag                   \
                */

/* ---- the search, on ranks ---- */

/* Johnson's B list of one vertex: who to unblock when it is unblocked. Stamped with the start
 * vertex it belongs to, so nothing has to be cleared between starts. */
typedef struct {
    guint32 *items;
    guint32 length;
    guint32 capacity;
    guint32 stamp;
} BlockList;

struct _CircaSearch {
    const CircaGraph *graph;
    const CircaHopGraph *hops;
    const CircaCycleOptions *options;
    CircaEmitFunc emit;
    gpointer emit_data;

    guint32 stamp; /* one per start vertex; 0 is never used */
    guint32 start; /* a rank, like every vertex below */
    guint32 start_component;
    gboolean through_mode; /* starts at a --through entity and may use every vertex */
    guint max_length;      /* G_MAXUINT when unbounded */

    guint32 *blocked; /* rank → stamp when blocked under the current start */
    BlockList *block_lists;
    guint32 *distance; /* rank → hops back to the start (valid when distance_stamp matches) */
    guint32 *distance_stamp;
    guint32 *queue;
    guint32 *unblock_stack;

    guint32 *path;        /* path[d] at depth d, as ranks; path[0] is the start */
    guint32 *path_vertex; /* the same, as vertices, for whoever receives the cycle */
    guint32 *path_hop;
    guint32 *next; /* per depth: next out slot to try */
    guint8 *found; /* per depth: a cycle (or a cut by the bound) below this vertex */

    CircaSearchEnd end;
    guint64 steps;
    gint64 next_progress; /* monotonic µs */
    CircaSearchProgress progress;
};

/* Whether the search from the start may enter @r. Neighbour lists fall in rank, so the caller
 * stops scanning at the first @r ranked before the start (see before_start). */
static gboolean before_start(const CircaSearch *search, guint32 r)
{
    return r < search->start && !search->through_mode;
}

/* Reverse BFS from the start, no deeper than the bound allows. */
static void compute_distances(CircaSearch *search)
{
    const CircaHopGraph *hops = search->hops;
    guint32 head = 0, tail = 0;
    search->distance[search->start] = 0;
    search->distance_stamp[search->start] = search->stamp;
    search->queue[tail++] = search->start;
    while (head < tail) {
        guint32 v = search->queue[head++];
        guint32 d = search->distance[v];
        if (d + 1 >= search->max_length) {
            continue; /* a vertex further away could not close a cycle within the bound */
        }
        for (guint32 i = hops->in_start[v]; i < hops->in_start[v + 1]; i++) {
            guint32 u = hops->in_from[i];
            if (before_start(search, u)) {
                break;
            }
            if (search->distance_stamp[u] != search->stamp) {
                search->distance_stamp[u] = search->stamp;
                search->distance[u] = d + 1;
                search->queue[tail++] = u;
            }
        }
    }
}

static guint32 distance_to_start(const CircaSearch *search, guint32 v)
{
    return search->distance_stamp[v] == search->stamp ? search->distance[v] : INFINITE_DISTANCE;
}

static gboolean is_blocked(const CircaSearch *search, guint32 v)
{
    return search->blocked[v] == search->stamp;
}

static void block_list_add(CircaSearch *search, guint32 w, guint32 v)
{
    BlockList *list = &search->block_lists[w];
    if (list->stamp != search->stamp) {
        list->stamp = search->stamp;
        list->length = 0;
    }
    for (guint32 i = 0; i < list->length; i++) {
        if (list->items[i] == v) {
            return;
        }
    }
    if (list->length == list->capacity) {
        list->capacity = list->capacity ? list->capacity * 2 : 4;
        list->items = g_renew(guint32, list->items, list->capacity);
    }
    list->items[list->length++] = v;
}

/* UNBLOCK(u), with an explicit stack instead of recursion. */
static void unblock(CircaSearch *search, guint32 u)
{
    guint32 top = 0;
    search->blocked[u] = 0;
    search->unblock_stack[top++] = u;
    while (top > 0) {
        guint32 v = search->unblock_stack[--top];
        BlockList *list = &search->block_lists[v];
        if (list->stamp != search->stamp) {
            continue;
        }
        while (list->length > 0) {
            guint32 w = list->items[--list->length];
            if (is_blocked(search, w)) {
                search->blocked[w] = 0;
                search->unblock_stack[top++] = w;
            }
        }
    }
}

/* Counts the steps since the last look with the command's guard (the clock, the cancel flag,
 * the work budget) and shows progress; FALSE when the search must end. */
static gboolean keep_going(CircaSearch *search)
{
    const CircaCycleOptions *options = search->options;
    if (!circa_guard_step(options->guard, CHECK_EVERY)) {
        search->end = circa_search_end_from_stop(options->guard->stop);
        return FALSE;
    }
    if (options->progress != NULL) {
        gint64 now = g_get_monotonic_time();
        if (now >= search->next_progress) {
            search->next_progress = now + G_USEC_PER_SEC / 10;
            options->progress(&search->progress, options->progress_data);
        }
    }
    return TRUE;
}

/* CIRCUIT(s): every cycle whose start is search->start, depth-first with explicit stacks. */
static gboolean circuit(CircaSearch *search)
{
    const CircaHopGraph *hops = search->hops;
    guint32 s = search->start;
    gboolean bounded = search->max_length != G_MAXUINT;
    compute_distances(search);

    guint d = 0;
    search->path[0] = s;
    search->path_vertex[0] = hops->order[s];
    search->blocked[s] = search->stamp;
    search->next[0] = hops->out_start[s];
    search->found[0] = FALSE;
    for (;;) {
        if (G_UNLIKELY(++search->steps % CHECK_EVERY == 0) && !keep_going(search)) {
            return FALSE;
        }
        guint32 v = search->path[d];
        guint32 end = hops->out_start[v + 1];
        if (search->next[d] < end) {
            guint32 slot = search->next[d]++;
            guint32 w = hops->out_to[slot];
            if (w == s) {
                search->path_hop[d] = hops->out_hop[slot];
                search->found[d] = TRUE;
                if (d + 1 >= search->options->min_length &&
                    !search->emit(search, d + 1, search->emit_data)) {
                    /* The receiver stopped: at a limit, or because the guard said so. */
                    const CircaGuard *guard = search->options->guard;
                    search->end = guard != NULL && guard->stop != CIRCA_STOP_NONE
                                      ? circa_search_end_from_stop(guard->stop)
                                      : CIRCA_SEARCH_STOPPED;
                    return FALSE;
                }
                continue;
            }
            if (before_start(search, w)) {
                search->next[d] = end; /* the rest rank lower still */
                continue;
            }
            if (is_blocked(search, w)) {
                continue;
            }
            guint32 back = distance_to_start(search, w);
            if (back == INFINITE_DISTANCE || d + 1 + back > search->max_length) {
                /* The BFS stops at the bound, so a far vertex looks unreachable too: under a
                 * bound either is a cut, and a cut keeps v free for shorter paths. */
                search->found[d] |= bounded;
                continue;
            }
            search->path_hop[d] = hops->out_hop[slot];
            d++;
            search->path[d] = w;
            search->path_vertex[d] = hops->order[w];
            search->blocked[w] = search->stamp;
            search->next[d] = hops->out_start[w];
            search->found[d] = FALSE;
            continue;
        }
        /* Every way out of v is tried: unblock it if a cycle went through, else wait in the B
         * lists of its successors until one of them is unblocked. */
        if (search->found[d]) {
            unblock(search, v);
        } else {
            for (guint32 slot = hops->out_start[v]; slot < end; slot++) {
                guint32 w = hops->out_to[slot];
                if (before_start(search, w)) {
                    break;
                }
                if (w != s) {
                    block_list_add(search, w, v);
                }
            }
        }
        if (d == 0) {
            return TRUE;
        }
        search->found[d - 1] |= search->found[d];
        d--;
    }
}

static CircaSearch *search_new(const CircaGraph *graph, const CircaHopGraph *hops,
                               const CircaCycleOptions *options, CircaEmitFunc emit,
                               gpointer emit_data)
{
    guint n = hops->n_vertices + 1;
    CircaSearch *search = g_new0(CircaSearch, 1);
    search->graph = graph;
    search->hops = hops;
    search->options = options;
    search->emit = emit;
    search->emit_data = emit_data;
    search->max_length = options->max_length ? options->max_length : G_MAXUINT;
    search->blocked = g_new0(guint32, n);
    search->block_lists = g_new0(BlockList, n);
    search->distance = g_new(guint32, n);
    search->distance_stamp = g_new0(guint32, n);
    search->queue = g_new(guint32, n);
    search->unblock_stack = g_new(guint32, n);
    search->path = g_new(guint32, n);
    search->path_vertex = g_new(guint32, n);
    search->path_hop = g_new(guint32, n);
    search->next = g_new(guint32, n);
    search->found = g_new(guint8, n);
    search->end = CIRCA_SEARCH_COMPLETE;
    search->progress.n_components = hops->n_components;
    search->progress.n_starts = hops->n_starts;
    return search;
}

static void search_free(CircaSearch *search)
{
    for (guint v = 0; v <= search->hops->n_vertices; v++) {
        g_free(search->block_lists[v].items);
    }
    g_free(search->block_lists);
    g_free(search->blocked);
    g_free(search->distance);
    g_free(search->distance_stamp);
    g_free(search->queue);
    g_free(search->unblock_stack);
    g_free(search->path);
    g_free(search->path_vertex);
    g_free(search->path_hop);
    g_free(search->next);
    g_free(search->found);
    g_free(search);
}

const guint32 *circa_i_search_path(const CircaSearch *search)
{
    return search->path_vertex;
}

const guint32 *circa_i_search_path_hops(const CircaSearch *search)
{
    return search->path_hop;
}

void circa_i_search_count(CircaSearch *search, guint64 cycles)
{
    search->progress.cycles += cycles;
}

static gboolean run_start(CircaSearch *search, guint32 vertex, gboolean through_mode)
{
    if (++search->stamp == 0) {
        /* 2^32 starts: clear the stamped arrays once rather than mistake an old stamp. */
        guint n = search->hops->n_vertices + 1;
        memset(search->blocked, 0, sizeof(guint32) * n);
        memset(search->distance_stamp, 0, sizeof(guint32) * n);
        for (guint v = 0; v < n; v++) {
            search->block_lists[v].stamp = 0;
        }
        search->stamp = 1;
    }
    search->start = search->hops->rank[vertex];
    search->start_component = search->hops->component[vertex];
    search->through_mode = through_mode;
    return circuit(search);
}

gboolean circa_i_search_run(const CircaGraph *graph, const CircaHopGraph *hops,
                            const CircaCycleOptions *options, CircaEmitFunc emit,
                            gpointer emit_data, CircaSearchEnd *end)
{
    CircaSearch *search = search_new(graph, hops, options, emit, emit_data);
    if (options->n_through > 0) {
        /* Every cycle through all of them passes through the first: start there alone, and
         * let the search use every vertex of its component. */
        guint32 start = options->through[0];
        if (hops->component[start] != CIRCA_NO_COMPONENT) {
            search->progress.n_components = 1;
            search->progress.n_starts = 1;
            run_start(search, start, TRUE);
        }
    } else {
        g_autofree guint32 *remaining =
            g_memdup2(hops->component_size, sizeof(guint32) * (hops->n_vertices + 1));
        for (guint32 r = 0; r < hops->n_vertices; r++) {
            guint32 vertex = hops->order[r];
            guint32 component = hops->component[vertex];
            if (component == CIRCA_NO_COMPONENT) {
                continue;
            }
            if (!run_start(search, vertex, FALSE)) {
                break;
            }
            search->progress.starts_done++;
            search->progress.components_done += --remaining[component] == 0;
        }
    }
    if (search->end == CIRCA_SEARCH_COMPLETE) {
        search->progress.components_done = search->progress.n_components;
        search->progress.starts_done = search->progress.n_starts;
    }
    if (options->progress != NULL) {
        options->progress(&search->progress, options->progress_data);
    }
    *end = search->end;
    search_free(search);
    return TRUE;
}
