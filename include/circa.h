/* SPDX-License-Identifier: MIT */
/* circa: find round-trip financing in deal graphs. The one header to include. */
#pragma once

#include "circa/error.h"
#include "circa/guard.h"
#include "circa/deal.h"
#include "circa/csv.h"
#include "circa/diagnostics.h"
#include "circa/dealset.h"
#include "circa/graph.h"
#include "circa/stats.h"
#include "circa/cycles.h"
#include "circa/render.h"
#include "circa/output.h"
#include "circa/baseline.h"
#include "circa/diff.h"
#include "circa/revision.h"
