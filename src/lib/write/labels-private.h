/* SPDX-License-Identifier: MIT */
/* What the writers share: a deal and a name from the graph, and how amounts, spans and kinds
 * read for people. */
#pragma once

#include "circa/cycles.h"

const CircaDeal *circa_i_edge_deal(const CircaGraph *graph, guint32 edge);
const char *circa_i_entity_name(const CircaGraph *graph, guint32 entity);

/* "$13.8B", "$350.0M + undisclosed" when some deals are undisclosed, "undisclosed" when all are. */
void circa_i_append_hop_amount(GString *out, const CircaHop *hop);
/* "$13.8B", "$11.0B (partial)", or "undisclosed" when a whole hop is. */
void circa_i_append_bottleneck(GString *out, const CircaCycle *cycle);
/* "2024-10-02 … 2025-09-22", one date when both are the same, "undated" when there is none. */
void circa_i_append_span(GString *out, CircaDate first, CircaDate last);
/* The kinds on a hop, in kind order, then " (hardware back)" when a hardware edge is on it. */
void circa_i_append_hop_kinds(GString *out, const CircaGraph *graph, const CircaHop *hop);
