# The growth plot of `scripts/bench.sh --scale`: wall time and registry requests against the number
# of image modules, cold and warm no-op, ours vs jib + helm, from growth.dat (ScaleTable).
# gnuplot (Debian's gnuplot-nox) rather than XChart: the plot is drawn from the data file the
# benchmark already writes, by a tool anyone can rerun on that file, and no plotting library joins
# the test classpath of the ITs.
# Usage: gnuplot -e "data='growth.dat'; out='growth.png'" scripts/bench-growth.gp
set terminal pngcairo size 1200,500 font ",10"
set output out
set multiplot layout 1,2 title "scripts/bench.sh --scale: cost against image modules (medians)"
set xlabel "image modules"
set key top left
set grid
set ylabel "wall time, s"
plot data using 1:2 with linespoints title "ours cold", \
     data using 1:3 with linespoints title "jib + helm cold", \
     data using 1:4 with linespoints title "ours warm no-op", \
     data using 1:5 with linespoints title "jib + helm warm no-op"
set ylabel "registry requests"
plot data using 1:6 with linespoints title "ours cold", \
     data using 1:7 with linespoints title "jib + helm cold", \
     data using 1:8 with linespoints title "ours warm no-op", \
     data using 1:9 with linespoints title "jib + helm warm no-op"
unset multiplot
