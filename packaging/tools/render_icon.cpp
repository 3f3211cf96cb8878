// Renders resources/icons/emoscope-{256,64}.png with the same shapes as emoscope.svg (no SVG
// renderer is needed at build time). Not built by default: build with Qt6::Gui and run it as
//   QT_QPA_PLATFORM=offscreen render_icon resources/icons
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
int main(int argc, char** argv) {
  QGuiApplication app(argc, argv);
  for (int size : {256, 64}) {
    QImage img(size, size, QImage::Format_ARGB32);
    img.fill(Qt::transparent);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(size / 256.0, size / 256.0);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor("#1d2340"));
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 48, 48);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(QColor("#3b4a7a"), 10));
    p.drawEllipse(QPointF(128, 128), 92, 92);
    QPen wave(QColor("#f5f5f5"), 9, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p.setPen(wave);
    const QPointF pts[] = {{44,128},{64,128},{76,96},{92,164},{108,70},{124,182},{140,88},{154,150},{166,112},{178,134},{190,128},{212,128}};
    p.drawPolyline(pts, 12);
    p.setPen(Qt::NoPen);
    const char* cols[] = {"#e41a1c", "#ffc400", "#377eb8"};
    for (int i = 0; i < 3; ++i) { p.setBrush(QColor(cols[i])); p.drawRoundedRect(QRectF(70 + 40 * i, 196, 36, 14), 7, 7); }
    p.end();
    img.save(QString(argv[1]) + QString("/emoscope-%1.png").arg(size));
  }
}
