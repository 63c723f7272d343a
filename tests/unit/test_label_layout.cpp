// ui/label_layout.h: canvas text stays readable at any zoom (cards simplify instead of
// shrinking it), and labels never overlap.
#include <catch2/catch.hpp>

#include "ui/label_layout.h"

using namespace cp::ui;

TEST_CASE("card text: never below the minimum size, always inside the card", "[labels]") {
  for (float z = 0.2f; z <= 3.0f; z += 0.01f) {
    INFO("zoom " << z);
    CardText t = plan_card_text(z, 15);
    const float h = 60 * z;
    if (t.title) {
      CHECK(t.title_px >= kMinTextPx);
      CHECK(t.title_y >= 0);
      CHECK(t.title_y + t.title_px * 1.2f <= h + 0.01f);
    }
    if (t.subtitle) {
      REQUIRE(t.title);  // the service line never shows without the name
      CHECK(t.subtitle_px >= kMinTextPx);
      CHECK(t.subtitle_y >= t.title_y + t.title_px);  // below the name, not over it
      CHECK(t.subtitle_y + t.subtitle_px * 1.2f <= h + 0.01f);
    }
  }
}

TEST_CASE("card text: the levels follow the zoom", "[labels]") {
  // At 100% both lines at their scaled sizes; at the 52% fit of an example, the name alone
  // at the minimum size; far out, the icon alone.
  CardText full = plan_card_text(1.0f, 15);
  CHECK(full.title);
  CHECK(full.subtitle);
  CHECK(full.title_px == Approx(15));
  CardText fit = plan_card_text(0.52f, 15);
  CHECK(fit.title);
  CHECK_FALSE(fit.subtitle);
  CHECK(fit.title_px == Approx(kMinTextPx));
  CardText far = plan_card_text(0.2f, 15);
  CHECK_FALSE(far.title);
  CHECK_FALSE(far.subtitle);
  // Zooming in never removes a line.
  int prev = 0;
  for (float z = 0.2f; z <= 3.0f; z += 0.01f) {
    CardText t = plan_card_text(z, 15);
    int lines = t.title + t.subtitle;
    CHECK(lines >= prev);
    prev = lines;
  }
}

TEST_CASE("label board: a label overlapping one placed before is refused", "[labels]") {
  LabelBoard b;
  CHECK(b.place({0, 0, 100, 20}));
  CHECK_FALSE(b.place({50, 10, 100, 20}));   // overlaps the first
  CHECK(b.place({100, 0, 50, 20}));          // touches it: fine
  CHECK(b.place({0, 20, 100, 20}));          // just below: fine
  CHECK(b.labels().size() == 3);
  b.add_obstacle({200, 0, 100, 60});          // a card
  CHECK_FALSE(b.place({250, 30, 40, 10}, true));     // a badge over that card
  CHECK(b.place({250, 30, 40, 10}, true, 0));        // ...its own card is allowed
  CHECK(b.place({400, 0, 10, 10}, true));
  b.clear();
  CHECK(b.labels().empty());
  CHECK(b.place({0, 0, 100, 20}));
}
