// "What happened": a run told as a short story, built from its event log and the
// per-second series (issue 17). Works during the run (the story so far) and after it.
//
//   for (const StoryLine& l : narrate(built)) printf("%s  %s\n", doc::clock_text(l.t_s).c_str(), l.en.c_str());
//     0:01  Traffic starts: Users send about 450 requests/s; p99 latency is about 85 ms
//     5:00  Availability Zone use1-az1 failed; 1 instance lost
//     5:06  Users: p99 latency rose to 5800 ms (normally 85 ms)
//     6:00  web: 2 new instances in service in use1-az2 and use1-az3
//     ...
//
// How the lines are made:
//  - the event log's entries, bursts grouped (the same node, kind and reason within
//    kBurstGapS of each other: 40 "instance died" become one line with a count). A line of
//    one entry reuses the entry's own text (the services wrote it, in both languages);
//  - instances lost with a failed AZ, Region or node are counted on the fault's line;
//  - throttling that stops and starts again within kBurstGapS is one episode;
//  - routine entries are left out (Info, an instance launched at the start, a load
//    balancer's target becoming healthy after a launch: the launch line says it);
//  - the users' (Client nodes') p99 latency and error rate against their baseline (the
//    run before its first fault): when each rises well above it, its peak, and when it is
//    back;
//  - a backlog building inside the design: a node's waiting requests (an SQS queue's
//    visible messages) far above their level before the first fault, and when it drains;
//  - a line to open (the traffic and its normal latency) and one to close (the whole run).
// At most `max_lines` lines: the most important are kept (StoryLine::weight), in time order.
#pragma once
#include <string>
#include <vector>

#include "core/engine/build.h"

namespace cp::engine {

struct StoryLine {
  double t_s = 0;       // when (simulated seconds): a click jumps the replay there
  std::string en, ko;   // one sentence each, no trailing period
  std::string node;     // the node id it is about ("" for the whole design)
  std::string az;       // the AZ ID it is about ("" if none)
  // "start" | "fault" | "reaction" | "limit" | "symptom" | "recovered" | "end"
  std::string kind;
  int weight = 0;       // which lines a capped story keeps (higher first)
  size_t count = 1;     // the log entries it tells (a grouped burst: more than one)
  const std::string& text(bool korean) const { return korean ? ko : en; }
};

constexpr double kBurstGapS = 30;     // entries of one burst are at most this far apart
constexpr size_t kStoryMaxLines = 14;

std::vector<StoryLine> narrate(const Built& b, size_t max_lines = kStoryMaxLines);
// "  5:00  Availability Zone use1-az1 failed; 1 instance lost\n" per line (the CLI's --story).
std::string narrative_text(const std::vector<StoryLine>& lines, bool korean);

}  // namespace cp::engine
