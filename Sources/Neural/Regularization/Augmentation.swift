/// Data augmentation: new training examples from old ones by changes that keep the label.
public enum Augmentation {
    /// `x` plus Gaussian noise of the given standard deviation.
    public static func addingNoise(to x: Tensor, standardDeviation: Float, using generator: inout SeededGenerator) -> Tensor {
        Tensor(uncheckedShape: x.shape, scalars: x.scalars.map { $0 + generator.nextNormal(standardDeviation: standardDeviation) })
    }

    /// Each row of `images` (a `batch × (height·width)` matrix of row-major images) shifted
    /// by a random whole number of pixels in −maxShift…maxShift along each axis, filling
    /// with zeros.
    public static func shiftingImages(
        _ images: Tensor, width: Int, height: Int, maxShift: Int = 1, using generator: inout SeededGenerator,
        file: StaticString = #filePath, line: UInt = #line
    ) -> Tensor {
        check(images.rank == 2 && images.shape[1] == width * height,
              "shiftingImages needs batch × \(width * height) images, got \(images.shape)", file: file, line: line)
        var out = [Float](repeating: 0, count: images.count)
        let size = width * height
        for r in 0..<images.shape[0] {
            let dx = generator.nextInt(below: 2 * maxShift + 1) - maxShift
            let dy = generator.nextInt(below: 2 * maxShift + 1) - maxShift
            for y in 0..<height {
                for x in 0..<width {
                    let (sx, sy) = (x - dx, y - dy)
                    if sx >= 0 && sx < width && sy >= 0 && sy < height {
                        out[r * size + y * width + x] = images.scalars[r * size + sy * width + sx]
                    }
                }
            }
        }
        return Tensor(uncheckedShape: images.shape, scalars: out)
    }

    /// Each row of `images` mirrored left to right.
    public static func flippingHorizontally(_ images: Tensor, width: Int, height: Int) -> Tensor {
        var out = images.scalars
        let size = width * height
        for r in 0..<images.shape[0] {
            for y in 0..<height { for x in 0..<width {
                out[r * size + y * width + x] = images.scalars[r * size + y * width + (width - 1 - x)]
            } }
        }
        return Tensor(uncheckedShape: images.shape, scalars: out)
    }
}
