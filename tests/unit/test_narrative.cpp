// "What happened" (core/engine/narrative.h): real examples run to the end (or partway)
// and told as a story; the lines that must be there, at their times, in both languages.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "core/engine/narrative.h"
#include "source_files.h"
#include "tests/unit/korean_text.h"

namespace {

using namespace cp;
using engine::StoryLine;

std::vector<StoryLine> story_of(const std::string& example, double until_s = -1) {
  engine::Built b = test::example_run(example);
  b.sim->run_until(until_s < 0 ? b.duration : sim::from_seconds(until_s));
  return engine::narrate(b);
}

std::string dump(const std::vector<StoryLine>& lines) {
  std::string s;
  for (const StoryLine& l : lines) s += std::to_string(l.t_s) + " [" + l.kind + "] " + l.en + "\n";
  return s;
}

// The first line of `kind` whose English text holds `words`, or nullptr.
const StoryLine* find(const std::vector<StoryLine>& lines, const std::string& kind, const std::string& words) {
  for (const StoryLine& l : lines)
    if (l.kind == kind && l.en.find(words) != std::string::npos) return &l;
  return nullptr;
}

void check_languages(const std::vector<StoryLine>& lines) {
  for (const StoryLine& l : lines) {
    INFO(l.en << "\n  ko: " << l.ko);
    CHECK(test::has_hangul(l.ko));
    CHECK_FALSE(test::has_hangul(test::unquoted(l.en)));
    for (const std::string& p : test::korean_problems(l.ko, false)) FAIL_CHECK(p);
    for (const char* both : {"은(는)", "이(가)", "을(를)", "(으)로"}) CHECK(l.ko.find(both) == std::string::npos);
  }
}

void check_in_time_order(const std::vector<StoryLine>& lines) {
  for (size_t i = 1; i < lines.size(); ++i) CHECK(lines[i - 1].t_s <= lines[i].t_s);
}

}  // namespace

TEST_CASE("narrative: an AZ outage behind an Auto Scaling group, told from the fault to the recovery", "[narrative]") {
  const auto lines = story_of("three-tier-web.json");  // use1-az1 fails at 5:00
  INFO(dump(lines));
  REQUIRE(lines.size() >= 6);
  CHECK(lines.size() <= engine::kStoryMaxLines);
  check_in_time_order(lines);
  check_languages(lines);
  CHECK(lines.front().kind == "start");
  // The fault at its scripted time, with the instance it took.
  const StoryLine* fault = find(lines, "fault", "use1-az1 failed; 1 instance lost");
  REQUIRE(fault);
  CHECK(fault->t_s == Approx(300));
  CHECK(fault->az == "use1-az1");
  CHECK(fault->count == 2);
  CHECK(fault->ko.find("가용 영역 use1-az1") != std::string::npos);
  CHECK(fault->ko.find("인스턴스 1개") != std::string::npos);
  // The group's answer: two instances in the other AZs, in service a minute later (boot time).
  const StoryLine* launched = find(lines, "reaction", "2 new instances in service in use1-az2 and use1-az3");
  REQUIRE(launched);
  CHECK(launched->t_s == Approx(360));
  CHECK(launched->node == "web");
  CHECK(launched->ko.find("use1-az2와 use1-az3에서") != std::string::npos);
  // What the users saw: p99 up at the fault, back after the new instances serve.
  const StoryLine* rose = find(lines, "symptom", "p99 latency rose to");
  const StoryLine* back = find(lines, "recovered", "p99 latency is back to normal");
  REQUIRE(rose);
  REQUIRE(back);
  CHECK(rose->node == "users");
  CHECK(rose->t_s >= 300);
  CHECK(rose->t_s < 310);
  CHECK(back->t_s > launched->t_s);
  CHECK(back->t_s < 600);
  // The web tier's requests pile up while it has too few instances, and drain once the new ones serve.
  const StoryLine* backlog = find(lines, "symptom", "a backlog builds up");
  const StoryLine* drained = find(lines, "recovered", "the backlog is drained");
  REQUIRE(backlog);
  REQUIRE(drained);
  CHECK(backlog->node == "web");
  CHECK(backlog->t_s >= 300);
  CHECK(drained->t_s > launched->t_s);
  CHECK(lines.back().kind == "end");
  CHECK(lines.back().t_s == Approx(1200));
}

TEST_CASE("narrative: Aurora's failover and its quorum fault, each with the errors it caused and their end", "[narrative]") {
  const auto lines = story_of("aurora-survives-az-outage.json");  // use1-az1 at 2:00, a storage copy at 5:00
  INFO(dump(lines));
  check_in_time_order(lines);
  check_languages(lines);
  const StoryLine* az = find(lines, "fault", "use1-az1 failed");
  REQUIRE(az);
  CHECK(az->t_s == Approx(120));
  const StoryLine* began = find(lines, "reaction", "promoting the replica in use1-az2");
  const StoryLine* done = find(lines, "reaction", "failed over in 20 s");
  REQUIRE(began);
  REQUIRE(done);
  CHECK(began->t_s == Approx(120));
  CHECK(done->t_s == Approx(140).margin(1));
  CHECK(done->node == "db");
  // Errors while the writer moves, back when it has moved.
  const StoryLine* errors = find(lines, "symptom", "errors rose to");
  const StoryLine* errors_back = find(lines, "recovered", "errors are back to normal");
  REQUIRE(errors);
  REQUIRE(errors_back);
  CHECK(errors->t_s == Approx(120).margin(2));
  CHECK(errors_back->t_s >= done->t_s - 1);
  CHECK(errors_back->t_s < 160);
  // The second fault (a storage copy at 5:00, below the write quorum) and its repair at 6:00.
  const StoryLine* copy = find(lines, "fault", "1 storage copy of orders");
  REQUIRE(copy);
  CHECK(copy->t_s == Approx(300));
  REQUIRE(find(lines, "fault", "are repaired"));
  CHECK(find(lines, "fault", "are repaired")->t_s == Approx(360));
}

TEST_CASE("narrative: a burst of the same event is one line with its count", "[narrative]") {
  engine::Built b = test::example_run("sqs-worker-queue-dlq.json");
  b.sim->run_until(b.duration);
  size_t timeouts = 0;
  for (const sim::LogEntry& e : b.sim->event_log()) timeouts += std::string(e.reason) == "visibility_timeout";
  REQUIRE(timeouts >= 20);
  const auto lines = engine::narrate(b);
  INFO(dump(lines));
  check_languages(lines);
  size_t told = 0, with_them = 0;
  for (const StoryLine& l : lines)
    if (l.en.find("visibility timeout") != std::string::npos) told += l.count, ++with_them;
  CHECK(with_them == 1);        // 50 entries, one line...
  CHECK(told == timeouts);      // ...that counts them all
  const StoryLine* line = find(lines, "limit", "visibility timeout");
  REQUIRE(line);
  CHECK(line->en.find("(and " + std::to_string(timeouts - 1) + " more like it until") != std::string::npos);
  CHECK(line->ko.find("같은 이벤트 " + std::to_string(timeouts - 1) + "건 더") != std::string::npos);
  CHECK(lines.size() <= engine::kStoryMaxLines);
}

TEST_CASE("narrative: DNS failover and throttling are named, with when they end", "[narrative]") {
  const auto dns = story_of("route53-failover-two-regions.json");  // us-east-1 fails at 2:00, back at 8:00
  INFO(dump(dns));
  check_languages(dns);
  const StoryLine* unhealthy = find(dns, "reaction", "is unhealthy after 3 failed checks");
  REQUIRE(unhealthy);
  CHECK(unhealthy->t_s == Approx(140));
  REQUIRE(find(dns, "fault", "Region us-east-1 failed"));
  REQUIRE(find(dns, "fault", "Region us-east-1 is back"));
  CHECK(find(dns, "fault", "Region us-east-1 is back")->t_s == Approx(480));

  const auto hot = story_of("kinesis-hot-partition-key.json");  // a stuck sensor from 1:00 to 3:00
  INFO(dump(hot));
  check_languages(hot);
  const StoryLine* began = nullptr;
  const StoryLine* ended = nullptr;
  for (const StoryLine& l : hot) {
    if (l.node == "clicks" && l.kind == "limit") began = &l;
    if (l.node == "clicks" && l.kind == "recovered") ended = &l;
  }
  REQUIRE(began);
  REQUIRE(ended);
  CHECK(began->t_s == Approx(60).margin(1));
  CHECK(ended->t_s == Approx(180).margin(2));
}

TEST_CASE("narrative: a run without a fault is a calm short story", "[narrative]") {
  const auto lines = story_of("elasticache-cache-aside.json");
  INFO(dump(lines));
  check_languages(lines);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].kind == "start");
  CHECK(lines[1].kind == "end");
  CHECK(lines[1].en.find("A calm run to 10:00") == 0);
  CHECK(lines[1].ko.find("조용한 실행") != std::string::npos);
  // A run with a fault is not called calm.
  const auto faulty = story_of("firehose-batches-to-s3.json");
  REQUIRE(!faulty.empty());
  CHECK(faulty.back().kind == "end");
  CHECK(faulty.back().en.find("calm") == std::string::npos);
}

TEST_CASE("narrative: during the run the story tells what happened so far", "[narrative]") {
  const auto lines = story_of("three-tier-web.json", 330);
  INFO(dump(lines));
  REQUIRE(find(lines, "fault", "use1-az1 failed"));
  for (const StoryLine& l : lines) {
    CHECK(l.t_s <= 330);
    CHECK(l.kind != "end");  // not over yet
  }
  CHECK_FALSE(find(lines, "reaction", "new instances"));  // they serve from 6:00
}

TEST_CASE("narrative: a capped story keeps the most important lines, in time order", "[narrative]") {
  engine::Built b = test::example_run("three-tier-web.json");
  b.sim->run_until(b.duration);
  const auto t0 = std::chrono::steady_clock::now();
  const auto all = engine::narrate(b);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  WARN("narrate(three-tier-web, 20 simulated minutes): " << ms << " ms, " << all.size() << " lines");
  CHECK(ms < 500);  // the UI tells the story again as the run plays
  const auto few = engine::narrate(b, 3);
  INFO(dump(few));
  REQUIRE(few.size() == 3);
  check_in_time_order(few);
  CHECK(find(few, "fault", "use1-az1 failed"));  // weighs most
  CHECK(few.back().kind == "end");
  CHECK(engine::narrative_text(few, true).find("  5:00  가용 영역 use1-az1") != std::string::npos);
}
