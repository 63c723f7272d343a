// The keep-up notice's logic (ui/keep_up.h): what the run reaches, why it is
// behind, and a speed it can keep — the cases the issue names ("42.4× of 1000×",
// and "1.0× of 1.0×" with 2,000 nodes, where slow frames were the cause).
#include <catch2/catch.hpp>

#include "ui/keep_up.h"

using namespace cp::ui;

TEST_CASE("keep-up: round speeds for the button") {
  CHECK(round_speed_down(42.4) == Approx(40));
  CHECK(round_speed_down(36.04) == Approx(30));
  CHECK(round_speed_down(999) == Approx(900));
  CHECK(round_speed_down(1000) == Approx(1000));
  CHECK(round_speed_down(7.3) == Approx(7));
  CHECK(round_speed_down(1.0) == Approx(1));
  CHECK(round_speed_down(0.47) == Approx(0.4));
  CHECK(round_speed_down(0.1) == Approx(0.1));
  CHECK(round_speed_down(0.05) == 0);  // below the slowest speed: nothing to offer
}

TEST_CASE("keep-up: the simulation's budget is the limit: it says what the run reaches and offers a speed it keeps") {
  KeepUpInput in;
  in.chosen = 1000;
  in.achieved = 42.4;
  in.budget_limited = true;
  in.frame_s = 1 / 60.0;
  const KeepUpAdvice a = keep_up_advice(in);
  CHECK(a.cause == KeepUpCause::Simulation);
  CHECK(a.achieved == Approx(42.4));
  CHECK(a.suggested == Approx(30));  // 85% of 42.4 = 36, rounded down: it holds when the load varies
  CHECK(a.suggested < in.achieved);
}

TEST_CASE("keep-up: slow drawing is the limit: a lower speed would not help, so none is offered") {
  // 2,000 nodes: the page draws 2 frames a second; a frame simulates at most 0.25 s × speed.
  KeepUpInput in;
  in.chosen = 1;
  in.achieved = 0.5;  // 0.25 s of simulated time per 0.5 s of wall time
  in.budget_limited = false;
  in.frame_s = 0.5;
  const KeepUpAdvice a = keep_up_advice(in);
  CHECK(a.cause == KeepUpCause::Drawing);
  CHECK(a.achieved == Approx(0.5));  // not "1.0× of 1.0×"
  CHECK(a.fps == Approx(2));
  CHECK(a.suggested == 0);
}

TEST_CASE("keep-up: nothing to say when the run keeps up, and no faster speed is ever offered") {
  KeepUpInput in;
  in.chosen = 10;
  in.achieved = 10;
  in.frame_s = 1 / 60.0;
  CHECK(keep_up_advice(in).cause == KeepUpCause::None);

  // Barely behind: rounding down would give the chosen speed back; nothing to offer.
  in.chosen = 1;
  in.achieved = 1.1;
  in.budget_limited = true;
  const KeepUpAdvice a = keep_up_advice(in);
  CHECK(a.cause == KeepUpCause::Simulation);
  CHECK(a.suggested < in.chosen);

  // At the slowest speed already: no slower one to offer.
  in.chosen = 0.1;
  in.achieved = 0.04;
  CHECK(keep_up_advice(in).suggested == 0);
}
