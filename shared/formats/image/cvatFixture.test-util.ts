// A CVAT for images 1.1 file as CVAT 2.x writes a job export (xml.sax XMLGenerator, two-space indent, <meta> with
// the job's labels and their attribute declarations, coordinates with two decimals, source/occluded/z_order on
// every shape, rotation and group_id only when set), written from CVAT's documented format, not by our writer.
export const CVAT_JOB_XML = `<?xml version="1.0" encoding="utf-8"?>
<annotations>
  <version>1.1</version>
  <meta>
    <job>
      <id>7</id>
      <size>2</size>
      <mode>annotation</mode>
      <overlap>0</overlap>
      <bugtracker></bugtracker>
      <created>2024-03-01 10:00:00.000000+00:00</created>
      <updated>2024-03-01 11:00:00.000000+00:00</updated>
      <subset>default</subset>
      <start_frame>0</start_frame>
      <stop_frame>1</stop_frame>
      <frame_filter></frame_filter>
      <segments>
        <segment>
          <id>7</id>
          <start>0</start>
          <stop>1</stop>
          <url>http://localhost:8080/api/jobs/7</url>
        </segment>
      </segments>
      <owner>
        <username>admin</username>
        <email></email>
      </owner>
      <assignee></assignee>
      <labels>
        <label>
          <name>car</name>
          <color>#fa3253</color>
          <type>any</type>
          <attributes>
            <attribute>
              <name>color</name>
              <mutable>False</mutable>
              <input_type>select</input_type>
              <default_value>red</default_value>
              <values>red
blue
white</values>
            </attribute>
            <attribute>
              <name>parked</name>
              <mutable>False</mutable>
              <input_type>checkbox</input_type>
              <default_value>false</default_value>
              <values>false
true</values>
            </attribute>
          </attributes>
        </label>
        <label>
          <name>Person</name>
          <color>#33ddff</color>
          <type>any</type>
          <attributes>
            <attribute>
              <name>age</name>
              <mutable>False</mutable>
              <input_type>number</input_type>
              <default_value>30</default_value>
              <values>0
120
1</values>
            </attribute>
          </attributes>
        </label>
        <label>
          <name>traffic sign</name>
          <color>#ff6037</color>
          <type>any</type>
          <attributes>
          </attributes>
        </label>
      </labels>
    </job>
    <dumped>2024-03-01 11:05:00.000000+00:00</dumped>
  </meta>
  <image id="0" name="000000000139.jpg" width="640" height="480">
    <box label="car" source="manual" occluded="0" xtl="10.00" ytl="20.50" xbr="110.25" ybr="80.00" z_order="0">
      <attribute name="color">blue</attribute>
      <attribute name="parked">true</attribute>
    </box>
    <polygon label="Person" source="auto" occluded="1" points="100.00,100.00;150.50,100.00;150.50,200.25;100.00,200.25" z_order="2">
      <attribute name="age">41</attribute>
    </polygon>
    <box label="car" source="semi-auto" occluded="1" xtl="200.00" ytl="200.00" xbr="300.00" ybr="260.00" rotation="15.00" z_order="-1" group_id="3">
      <attribute name="color">red</attribute>
      <attribute name="parked">false</attribute>
    </box>
  </image>
  <image id="1" name="000000000285.jpg" width="320" height="200">
    <polygon label="traffic sign" source="manual" occluded="0" points="5.00,5.00;15.00,5.00;10.00,12.50" z_order="0">
    </polygon>
  </image>
</annotations>
`;
