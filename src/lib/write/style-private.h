/* SPDX-License-Identifier: MIT */
/* The diagrams' colours, one table for Graphviz and Mermaid alike. */
#pragma once

#include "circa/deal.h"

/* Financing in blues and purples, purchases in greens and oranges: "#rrggbb". */
const char *circa_i_kind_colour(CircaKind kind);
const char *circa_i_hardware_colour(void);
