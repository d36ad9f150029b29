/**
 * What crosses the boundary between Munin's processes: the app (Camel routes, Lambda functions)
 * and the detector container (AWS Batch, or a local process). One source, compiled once and
 * shaded into both jars, so the two sides cannot drift apart. Nothing here may import Camel
 * or ONNX Runtime: the detector must stay free of the one and the app of the other.
 */
package dk.munin.contract;
