package org.spikezip.data;

/**
 * Resizes an image so that its shorter side has a given length, then crops the centre square, as
 * torchvision's {@code Resize(shorter)} followed by {@code CenterCrop(crop)}.
 *
 * <p>The resized size is {@code shorter x floor(shorter * long / short)}. Sampling is bilinear with
 * half-pixel centres ({@code align_corners=False}): output pixel {@code y} reads source row {@code
 * (y + 0.5) * srcHeight / newHeight - 0.5}, clamped to the image, and the result is rounded to the
 * nearest byte. There is no anti-aliasing, so strong downscaling aliases where torchvision's
 * default would blur. The crop starts at {@code round((newSide - crop) / 2)} (halves to even, as
 * Python). Only the cropped window is computed.
 */
final class ResizeCrop {
  private ResizeCrop() {}

  /**
   * @param image {@code [channels, height, width]} unsigned bytes
   * @return {@code [channels, crop, crop]} unsigned bytes
   */
  static byte[] apply(byte[] image, int channels, int height, int width, int shorter, int crop) {
    int newHeight;
    int newWidth;
    if (height <= width) {
      newHeight = shorter;
      newWidth = (int) ((long) shorter * width / height);
    } else {
      newWidth = shorter;
      newHeight = (int) ((long) shorter * height / width);
    }
    int top = (int) Math.rint((newHeight - crop) / 2.0);
    int left = (int) Math.rint((newWidth - crop) / 2.0);
    int[] y0 = new int[crop];
    int[] y1 = new int[crop];
    double[] wy = new double[crop];
    sampling(height, newHeight, top, y0, y1, wy);
    int[] x0 = new int[crop];
    int[] x1 = new int[crop];
    double[] wx = new double[crop];
    sampling(width, newWidth, left, x0, x1, wx);

    byte[] out = new byte[channels * crop * crop];
    int plane = height * width;
    for (int c = 0; c < channels; c++) {
      int base = c * plane;
      int outBase = c * crop * crop;
      for (int y = 0; y < crop; y++) {
        int row0 = base + y0[y] * width;
        int row1 = base + y1[y] * width;
        for (int x = 0; x < crop; x++) {
          double upper = (image[row0 + x0[x]] & 0xff) * (1 - wx[x])
              + (image[row0 + x1[x]] & 0xff) * wx[x];
          double lower = (image[row1 + x0[x]] & 0xff) * (1 - wx[x])
              + (image[row1 + x1[x]] & 0xff) * wx[x];
          long v = Math.round(upper * (1 - wy[y]) + lower * wy[y]);
          out[outBase + y * crop + x] = (byte) Math.max(0, Math.min(255, v));
        }
      }
    }
    return out;
  }

  /** Source indices and weights along one axis for output positions {@code offset..offset+n-1}. */
  private static void sampling(int src, int dst, int offset, int[] i0, int[] i1, double[] w) {
    double scale = (double) src / dst;
    for (int k = 0; k < i0.length; k++) {
      double s = (k + offset + 0.5) * scale - 0.5;
      s = Math.max(0, Math.min(src - 1, s));
      int lo = (int) Math.floor(s);
      i0[k] = lo;
      i1[k] = Math.min(lo + 1, src - 1);
      w[k] = s - lo;
    }
  }
}
