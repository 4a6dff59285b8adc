#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace lb {

// An inline message strip at the top of a window or dialog: failures are shown here instead of in a
// modal box, so a burst of errors never stacks up dialogs in front of the user.
class ErrorBanner : public QFrame
{
    Q_OBJECT
public:
    enum class Kind
    {
        Error,
        Warning,
        Info
    };

    explicit ErrorBanner(QWidget *parent = nullptr);

    void showMessage(const QString &text, Kind kind = Kind::Error);
    QString text() const;
    Kind kind() const { return m_kind; }

public Q_SLOTS:
    void dismiss();

Q_SIGNALS:
    void dismissed();

private:
    void applyKindStyle();

    QLabel *m_icon = nullptr;
    QLabel *m_label = nullptr;
    QToolButton *m_close = nullptr;
    Kind m_kind = Kind::Error;
};

} // namespace lb
