#include "dialogs/undodialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace lb {

namespace {

QString kindPhrase(OperationKind kind)
{
    switch (kind) {
    case OperationKind::Copy:
        return UndoDialog::tr("copy");
    case OperationKind::Sync:
        return UndoDialog::tr("sync");
    case OperationKind::Snapshot:
        return UndoDialog::tr("snapshot");
    case OperationKind::Import:
        return UndoDialog::tr("import");
    case OperationKind::Undo:
        return UndoDialog::tr("undo");
    case OperationKind::ApplyReview:
        return UndoDialog::tr("apply of approved review decisions");
    }
    return QString();
}

} // namespace

QString UndoDialog::describe(const OperationRecord &op)
{
    QString what;
    if (op.sourceBranch.isEmpty())
        what = tr("the %1 into “%2”").arg(kindPhrase(op.kind), op.targetBranch);
    else
        what = tr("the %1 from “%2” to “%3”").arg(kindPhrase(op.kind), op.sourceBranch, op.targetBranch);
    const QLocale locale;
    const QString when = op.startedAt.isValid()
                             ? locale.toString(op.startedAt.toLocalTime(), QLocale::ShortFormat)
                             : tr("an unknown time");
    QString text =
        tr("Undo %1, made by %2 at %3.").arg(what, op.user.isEmpty() ? tr("an unknown user") : op.user, when);
    QStringList effects;
    if (op.replaced > 0)
        effects << (op.replaced == 1
                        ? tr("1 replaced row will be restored to its previous content")
                        : tr("%1 replaced rows will be restored to their previous content").arg(op.replaced));
    if (op.created > 0)
        effects << (op.created == 1 ? tr("1 row it created will be removed")
                                    : tr("%1 rows it created will be removed").arg(op.created));
    if (op.createdTargetBranch)
        effects << tr("branch “%1” will be deleted, since this operation created it").arg(op.targetBranch);
    if (effects.isEmpty())
        effects << tr("it wrote no rows, so no label row changes");
    text += QLatin1Char('\n') + QStringLiteral("• ") + effects.join(QStringLiteral("\n• "));
    if (op.cancelled)
        text += QLatin1Char('\n') +
                tr("(The operation was cancelled part-way; only its finished batches are undone.)");
    return text;
}

UndoDialog::UndoDialog(const OperationRecord &operation, QWidget *parent)
    : QDialog(parent), m_operation(operation), m_description(describe(operation))
{
    setObjectName(QStringLiteral("undoDialog"));
    setWindowTitle(tr("Undo Last Write"));

    auto *icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxQuestion, nullptr, this).pixmap(size, size));
    auto *text = new QLabel(m_description, this);
    text->setObjectName(QStringLiteral("undoDescription"));
    text->setTextFormat(Qt::PlainText);
    text->setWordWrap(true);
    text->setMinimumWidth(420);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Undo"));
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *row = new QHBoxLayout;
    row->addWidget(icon, 0, Qt::AlignTop);
    row->addWidget(text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(buttons);
}

} // namespace lb
