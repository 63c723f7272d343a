// Touch gestures (ui/touch_gesture.h): one finger pans, two fingers pan by their
// midpoint and zoom by their spread; fingers joining or lifting never make the view jump.
#include <catch2/catch.hpp>

#include "ui/touch_gesture.h"

using cp::ui::FingerEvent;
using cp::ui::TouchGesture;

TEST_CASE("one finger drags the view") {
  TouchGesture g;
  g.on(FingerEvent::Down, 7, 100, 200);
  CHECK_FALSE(g.take().has_value());  // down alone moves nothing
  g.on(FingerEvent::Move, 7, 130, 180);
  auto s = g.take();
  REQUIRE(s);
  CHECK(s->from_x == 100);
  CHECK(s->from_y == 200);
  CHECK(s->to_x == 130);
  CHECK(s->to_y == 180);
  CHECK(s->scale == 1);
  CHECK_FALSE(g.take().has_value());  // consumed
  g.on(FingerEvent::Move, 7, 140, 180);
  g.on(FingerEvent::Up, 7, 150, 180);  // the movement up to the lift still counts
  s = g.take();
  REQUIRE(s);
  CHECK(s->from_x == 130);
  CHECK(s->to_x == 150);
  CHECK(g.fingers() == 0);
}

TEST_CASE("two fingers spreading apart zoom in about their midpoint") {
  TouchGesture g;
  g.on(FingerEvent::Down, 1, 100, 300);
  g.on(FingerEvent::Down, 2, 200, 300);
  CHECK(g.fingers() == 2);
  CHECK_FALSE(g.take().has_value());
  g.on(FingerEvent::Move, 1, 50, 300);
  g.on(FingerEvent::Move, 2, 250, 300);
  auto s = g.take();
  REQUIRE(s);
  CHECK(s->scale == Approx(2.0));
  CHECK(s->from_x == Approx(150));
  CHECK(s->to_x == Approx(150));
  // Pinching back in, while both fingers also slide down by 40.
  g.on(FingerEvent::Move, 1, 100, 340);
  g.on(FingerEvent::Move, 2, 200, 340);
  s = g.take();
  REQUIRE(s);
  CHECK(s->scale == Approx(0.5));
  CHECK(s->to_y - s->from_y == Approx(40));
}

TEST_CASE("a second finger joining, then lifting, does not jump the view") {
  TouchGesture g;
  g.on(FingerEvent::Down, 1, 100, 100);
  g.on(FingerEvent::Move, 1, 110, 100);
  g.on(FingerEvent::Down, 2, 300, 100);  // far away: no pan from the midpoint's leap
  g.on(FingerEvent::Move, 1, 120, 100);
  auto s = g.take();
  REQUIRE(s);
  // Finger 1 moved +10 alone, then +10 with finger 2 resting: the midpoint moved +5 and the spread shrank.
  CHECK(s->from_x == Approx(100));
  CHECK(s->scale == Approx(180.0 / 190.0));
  g.on(FingerEvent::Up, 2, 300, 100);
  CHECK_FALSE(g.take().has_value());  // lifting without moving changes nothing
  g.on(FingerEvent::Move, 1, 125, 100);
  s = g.take();
  REQUIRE(s);
  CHECK(s->to_x - s->from_x == Approx(5));
  CHECK(s->scale == 1);
}

TEST_CASE("events for unknown fingers are ignored") {
  TouchGesture g;
  g.on(FingerEvent::Move, 9, 10, 10);
  g.on(FingerEvent::Up, 9, 10, 10);
  CHECK(g.fingers() == 0);
  CHECK_FALSE(g.take().has_value());
}
