package dev.webwxbot.emulator.internal;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The login QR picture decodes for every uuid. The two uuids are ones whose codes ZXing's photo detector (no
 * {@code PURE_BARCODE} hint) cannot read at all, found by encoding 2,000 random uuids: they made
 * {@code LoginConformanceTest} fail about once in a thousand runs.
 */
class QrCodeImageTest {

    @ParameterizedTest
    @ValueSource(strings = {"CAlCUuMU6L==", "jolnWAjUw2==", "AbCdEfGhIj=="})
    void theLoginQrJpegDecodesToTheLoginPageUrl(String uuid) throws Exception {
        String url = "https://login.weixin.qq.com/l/" + uuid;
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Images.qrCodeJpeg(url)));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        assertEquals(url, new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText());
    }
}
