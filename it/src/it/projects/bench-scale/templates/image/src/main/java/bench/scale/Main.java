package bench.scale;

/** One image module of the scale benchmark's reactor. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("IMAGE_NAME, revision 0");
  }
}
