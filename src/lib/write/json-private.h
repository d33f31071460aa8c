/* SPDX-License-Identifier: MIT */
/* What every JSON writer shares: dates and amounts as circa writes them, and the document. */
#pragma once

#include <json-glib/json-glib.h>

#include "circa/cycles.h"
#include "circa/deal.h"

/* Member @name: the date as written ("2025", "2025-09"…), or null when there is none. */
void circa_i_json_add_date(JsonBuilder *builder, const char *name, CircaDate date);
/* An amount in whole dollars, or null when undisclosed. */
void circa_i_json_add_amount(JsonBuilder *builder, gint64 amount);
/* The built document, indented by two, with a final newline. */
/* "length" and "entities" (names in loop order) of @cycle. */
void circa_i_json_add_entities(JsonBuilder *builder, const CircaGraph *graph,
                               const CircaCycle *cycle);
char *circa_i_json_to_string(JsonBuilder *builder);
