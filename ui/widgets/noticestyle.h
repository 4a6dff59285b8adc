#pragma once

#include <QString>

class QLabel;

namespace lb {

// The colours of notices in dialogs and tabs (a problem under a field, a failed status line, a warning box
// about a destructive choice), kept in one place so a warning looks the same wherever it appears. Boxes use
// fixed light backgrounds with dark text, which stay readable under light and dark system palettes.
namespace notice {

enum class Kind
{
    Info,
    Success,
    Warning,
    Error
};

constexpr int kBoxPadding = 6;
constexpr int kCompactBoxPadding = 4;

// The text colour of a notice, e.g. "#c50f1f"; empty for Info, which keeps the palette's colour.
QString textColour(Kind kind);
// Coloured text on the window's own background; Info clears any colour set before.
void setTextStyle(QLabel *label, Kind kind);
// A boxed notice: light background, a border in the notice's colour and dark text.
void setBoxStyle(QLabel *label, Kind kind, int padding = kBoxPadding);

} // namespace notice
} // namespace lb
