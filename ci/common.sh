# SPDX-License-Identifier: MIT
# What the CI scripts (github-action.sh, gitlab-job.sh) share; sourced, not run.

# A fenced block whose fence is longer than any run of backticks in the text.
fenced() {
  local text=$1 fence='```' longest
  longest=$(printf '%s' "$text" | grep -o '`\+' | awk '{ if (length($0) > n) n = length($0) } END { print n + 0 }')
  while ((${#fence} <= longest)); do
    fence+='`'
  done
  printf '%s\n%s\n%s\n' "$fence" "$text" "$fence"
}
